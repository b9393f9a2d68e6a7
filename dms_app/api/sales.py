"""Whitelisted methods of the vehicle sales desk (deal buttons, follow-ups); those that write are POST only."""

import frappe
from frappe import _

from dms_app.vehicle_sales import checklists, crm, deal


@frappe.whitelist(methods=["POST"])
def make_quotation(deal_name: str) -> str:
	return deal.make_quotation(deal_name).name


@frappe.whitelist(methods=["POST"])
def make_sales_order(deal_name: str) -> str:
	return deal.make_sales_order(deal_name).name


@frappe.whitelist()
def make_deposit(deal_name: str):
	return deal.make_deposit(deal_name)


@frappe.whitelist(methods=["POST"])
def mark_lost(deal_name: str, reason: str) -> str:
	return deal.mark_lost(deal_name, reason).status


@frappe.whitelist(methods=["POST"])
def schedule_follow_up(doctype: str, name: str, date: str, description: str, user: str | None = None) -> str:
	return crm.schedule_follow_up(doctype, name, date, description, user)


@frappe.whitelist()
def make_deal_from_opportunity(opportunity: str):
	frappe.get_doc("Opportunity", opportunity).check_permission("read")
	return crm.make_deal_from_opportunity(opportunity)


@frappe.whitelist()
def deal_vehicle(deal_type: str, vin: str | None = None, trim: str | None = None) -> dict:
	"""What a Vehicle Deal form fills when the VIN or trim is chosen: trim, model, Item, colour, list price."""
	if vin:
		frappe.has_permission("Motor Vehicle", "read", vin, throw=True)
	if trim:
		frappe.has_permission("Vehicle Trim", "read", trim, throw=True)
	return deal.vehicle_defaults(deal_type, vin, trim)


@frappe.whitelist()
def new_checklist(doctype: str, template: str | None = None) -> dict:
	"""The rows a new Trade-in Appraisal or PDI Checklist form starts with (the server adds the same on save)."""
	frappe.has_permission(doctype, "create", throw=True)
	if doctype == "Trade-in Appraisal":
		return {"table": "condition_items", "rows": checklists.appraisal_rows()}
	if doctype == "PDI Checklist":
		# the template's rows are what the server puts on the checklist anyway: no PDI Template read needed
		template = checklists.pdi_template(template)
		return {"table": "items", "template": template, "rows": checklists.pdi_rows(template)}
	frappe.throw(_("{0} has no checklist").format(_(doctype)))
