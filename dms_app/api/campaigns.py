"""Whitelisted recall and service campaign methods (dms_app/warranty/campaigns.py): a vehicle's open
campaigns for the desk forms, the one-click campaign job, the OEM file import, and the customer's own
vehicles' open recalls for the portal."""

import frappe
from frappe import _
from frappe.utils import cint

from dms_app.warranty import campaigns

FLAG_FIELDS = (
	"campaign",
	"title",
	"campaign_type",
	"labour_operation",
	"start_date",
	"end_date",
	"days_open",
)


def _flags(rows) -> list[dict]:
	return [{field: row.get(field) for field in ("vin", *FLAG_FIELDS)} for row in rows]


@frappe.whitelist()
def open_campaigns(vin: str) -> list[dict]:
	"""The vehicle's open campaigns (Motor Vehicle, Service Appointment and Repair Order forms)."""
	vin = (vin or "").strip().upper()
	frappe.has_permission("Motor Vehicle", "read", vin, throw=True)
	frappe.has_permission(campaigns.VEHICLE, "read", throw=True)
	return _flags(campaigns.open_campaigns(vin))


@frappe.whitelist(methods=["POST"])
def add_campaign_job(repair_order: str, service_campaign: str) -> int:
	"""Add an open campaign's warranty job (labour operation and parts) to the repair order."""
	order = frappe.get_doc("Repair Order", repair_order, for_update=True)
	order.check_permission("write")
	return campaigns.add_campaign_job(order, service_campaign)


@frappe.whitelist(methods=["POST"])
def import_campaigns(file_url: str, dry_run: bool | int = False) -> dict:
	"""Import an OEM campaign file (CSV, XLSX or JSON; docs/imports.md). With `dry_run`, check every
	row and write nothing."""
	frappe.has_permission(campaigns.CAMPAIGN, "create", throw=True)
	frappe.has_permission(campaigns.VEHICLE, "create", throw=True)
	if not file_url:
		frappe.throw(_("Attach the OEM's campaign file (CSV, XLSX or JSON)"))
	return campaigns.import_file(file_url, dry_run=bool(cint(dry_run)))
