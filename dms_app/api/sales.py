"""Whitelisted methods of the vehicle sales desk (deal buttons, follow-ups); those that write are POST only."""

import frappe

from dms_app.vehicle_sales import crm, deal


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
