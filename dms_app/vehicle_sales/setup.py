"""Vehicle Sales editable defaults: the deal approval workflow, the standard PDI template, fee items
and settings. Each is created only where missing, never overwritten (custom fields are fixtures)."""

import frappe

from dms_app.setup import defaults

WORKFLOW = "Vehicle Deal Approval"
PDI_TEMPLATE = "Standard PDI"
STATES = (
	# state, style, roles allowed to edit in it
	("Draft", "", "Sales Consultant"),
	("Pending Approval", "Warning", "Sales Manager"),
	("Approved", "Success", "Sales Consultant"),
	("Rejected", "Danger", "Sales Consultant"),
)
REOPENABLE = 'doc.status in ("Open", "Quoted")'
"""A deal is reopened for a new discount only before it is ordered: after that its vehicle and price are
locked to the Sales Order, and a delivered or lost deal is closed."""
TRANSITIONS = (
	# from, action, to, role, condition
	("Draft", "Approve", "Approved", "Sales Consultant", "not doc.needs_approval"),
	("Draft", "Request Approval", "Pending Approval", "Sales Consultant", "doc.needs_approval"),
	("Pending Approval", "Approve", "Approved", "Sales Manager", None),
	("Pending Approval", "Reject", "Rejected", "Sales Manager", None),
	("Approved", "Reopen", "Draft", "Sales Consultant", REOPENABLE),
	("Rejected", "Reopen", "Draft", "Sales Consultant", REOPENABLE),
)
SHOW_DEAL_STATUS = ("Draft", "Approved")
"""States whose deals show their own status (Ordered, Delivered…) once past quoting: see vehicle_deal_list.js."""
PDI_CHECKS = (
	("Documents", "VIN on body matches invoice and certificate of conformity"),
	("Documents", "Owner's manual, service book and spare key present"),
	("Exterior", "Paint and body panels free of transport damage"),
	("Exterior", "Glass, lamps and mirrors intact"),
	("Exterior", "Tyre pressures set to placard, wheel nuts torqued"),
	("Under bonnet", "Fluid levels (oil, coolant, brake, washer)"),
	("Under bonnet", "12 V battery charged and terminals tight"),
	("Interior", "Transport covers and shipping fuses removed / fitted"),
	("Interior", "Warning lights, infotainment, climate control working"),
	("Interior", "Seats, belts and child-seat anchors"),
	("Road test", "Brakes, steering and driver-assist systems"),
	("Road test", "No fault codes after road test (diagnostic scan)"),
	("Final", "Washed, valeted, fuel / charge level for handover"),
)
FEE_ITEMS = (("DMS-REG-FEE", "Registration Fee"), ("DMS-DOC-FEE", "Documentation Fee"))


def ensure_defaults(settings):
	ensure_workflow()
	ensure_pdi_template()
	ensure_fees()
	defaults.fill_empty(
		settings,
		{
			"default_pdi_template": PDI_TEMPLATE,
			"fleet_customer_group": "Commercial"
			if frappe.db.exists("Customer Group", "Commercial")
			else None,
			"trade_in_clearing_account": ensure_clearing_account(settings.company)
			if settings.company
			else None,
		},
	)


def ensure_workflow():
	defaults.ensure_workflow(
		{
			"workflow_name": WORKFLOW,
			"document_type": "Vehicle Deal",
			"workflow_state_field": "workflow_state",
			"states": [
				{
					"state": state,
					"doc_status": "0",
					"allow_edit": role,
					"avoid_status_override": int(state in SHOW_DEAL_STATUS),
				}
				for state, _style, role in STATES
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": 1,
					"condition": condition,
				}
				for state, action, next_state, role, condition in TRANSITIONS
			],
		},
		styles={state: style for state, style, _role in STATES},
	)


def ensure_pdi_template():
	if not frappe.db.exists("PDI Template", PDI_TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "PDI Template",
				"template_name": PDI_TEMPLATE,
				"items": [{"section": section, "check_item": check} for section, check in PDI_CHECKS],
			}
		).insert(ignore_permissions=True)


def ensure_fees():
	defaults.ensure_item_group("Vehicle Fees")
	for code, name in FEE_ITEMS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": "Vehicle Fees",
					"stock_uom": "Nos",
					"is_stock_item": 0,
					"include_item_in_manufacturing": 0,
				}
			).insert(ignore_permissions=True)


def ensure_clearing_account(company: str) -> str | None:
	abbr = frappe.get_cached_value("Company", company, "abbr")
	name = f"Trade-in Clearing - {abbr}"
	if frappe.db.exists("Account", name):
		return name
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_name": "Current Liabilities", "is_group": 1}
	) or frappe.db.get_value("Account", {"company": company, "root_type": "Liability", "is_group": 1})
	if not parent:
		return None
	frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": "Trade-in Clearing",
			"parent_account": parent,
			"company": company,
			"account_type": "",
		}
	).insert(ignore_permissions=True)
	return name
