"""Draft claims whose OEM submission deadline is close (or already past)."""

from frappe import _
from frappe.utils import cint

from dms_app.warranty.deadlines import claims_near_deadline


def execute(filters=None):
	filters = filters or {}
	days = filters.get("days")
	rows = claims_near_deadline(None if days in (None, "") else cint(days))
	for field in ("company", "oem_customer", "make"):
		if filters.get(field):
			rows = [r for r in rows if r.get(field) == filters.get(field)]
	return columns(), rows


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Claim"),
			"fieldtype": "Link",
			"options": "OEM Warranty Claim",
			"width": 150,
		},
		{"fieldname": "submission_deadline", "label": _("Deadline"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_left", "label": _("Days Left"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "vin",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 180,
		},
		{
			"fieldname": "make",
			"label": _("Make"),
			"fieldtype": "Link",
			"options": "Vehicle Make",
			"width": 100,
		},
		{
			"fieldname": "oem_customer",
			"label": _("OEM"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{
			"fieldname": "repair_order",
			"label": _("Repair Order"),
			"fieldtype": "Link",
			"options": "Repair Order",
			"width": 140,
		},
		{"fieldname": "job_no", "label": _("Job"), "fieldtype": "Int", "width": 60},
		{"fieldname": "claimed_amount", "label": _("Claimed"), "fieldtype": "Currency", "width": 120},
		{
			"fieldname": "owner",
			"label": _("Prepared By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]
