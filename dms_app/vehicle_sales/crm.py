"""Follow-ups for the salesperson: ERPNext assignments (ToDo) with a date. The reminder on the day one
is due is a Frappe Notification on ToDo, the admin's to edit (vehicle_sales/setup.py)."""

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign
from frappe.utils import getdate, nowdate

FOLLOWED = ("Lead", "Opportunity", "Vehicle Deal", "Test Drive", "Quotation")


def schedule_follow_up(doctype: str, name: str, date, description: str, user: str | None = None) -> str:
	"""Assign `doctype` `name` to `user` (default: the session user) with a due date; returns the ToDo."""
	if doctype not in FOLLOWED:
		frappe.throw(_("Follow-ups can be scheduled on {0} only").format(", ".join(FOLLOWED)))
	if getdate(date) < getdate(nowdate()):
		frappe.throw(_("A follow-up cannot be due in the past"))
	user = user or frappe.session.user
	frappe.get_doc(doctype, name).check_permission("read")
	existing = frappe.db.get_value(
		"ToDo", {"reference_type": doctype, "reference_name": name, "allocated_to": user, "status": "Open"}
	)
	if existing:
		frappe.db.set_value("ToDo", existing, {"date": date, "description": description})
		return existing
	assign(
		{
			"assign_to": [user],
			"doctype": doctype,
			"name": name,
			"date": str(getdate(date)),
			"description": description,
		},
		ignore_permissions=True,  # read permission on the document was checked above
	)
	return frappe.db.get_value(
		"ToDo", {"reference_type": doctype, "reference_name": name, "allocated_to": user, "status": "Open"}
	)


def copy_vehicles_of_interest(doc, method=None):
	"""Opportunity before_insert: bring the lead's vehicles of interest along."""
	if doc.get("vehicles_of_interest") or doc.opportunity_from != "Lead" or not doc.party_name:
		return
	for row in frappe.get_all(
		"Vehicle of Interest",
		filters={"parenttype": "Lead", "parent": doc.party_name},
		fields=["model", "trim", "vin", "budget", "notes"],
		order_by="idx",
	):
		doc.append("vehicles_of_interest", row)


def make_deal_from_opportunity(opportunity: str):
	"""A draft Vehicle Deal for the opportunity's first vehicle of interest."""
	from frappe.model.mapper import get_mapped_doc

	def postprocess(source, target):
		if source.opportunity_from == "Customer":
			target.customer = source.party_name
		elif source.opportunity_from == "Lead":
			target.lead = source.party_name
			target.customer = frappe.db.get_value("Customer", {"lead_name": source.party_name})
		interest = (source.get("vehicles_of_interest") or [None])[0]
		if interest and interest.vin:
			target.deal_type, target.vin = "Stock Vehicle", interest.vin
		elif interest and interest.trim:
			target.deal_type, target.trim = "Factory Order", interest.trim
		target.sales_person = frappe.session.user

	return get_mapped_doc(
		"Opportunity",
		opportunity,
		{
			"Opportunity": {
				"doctype": "Vehicle Deal",
				"field_map": {"name": "opportunity"},
				"field_no_map": ["status"],
			}
		},
		postprocess=postprocess,
	)
