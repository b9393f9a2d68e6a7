"""Editable defaults of the service area, created when missing and never overwritten (called from
dms_app.setup.defaults.ensure_default_records): the Repair Order workflow, service items and
accounts, and the appointment confirmation and reminder Email Templates. The capacity values are
DMS Settings defaults; the custom fields (links back from ERPNext documents, technicians on
Employee) are fixtures."""

import frappe

from dms_app.service.appointments import CONFIRMATION_TEMPLATE, REMINDER_TEMPLATE
from dms_app.setup import defaults

ADVISORS = ("Service Advisor", "Service Manager")
INVOICERS = (*ADVISORS, "Accounts User", "Accounts Manager")
STATES = {
	"Open": "Primary",
	"In Progress": "Warning",
	"Waiting Parts": "Danger",
	"Waiting Approval": "Danger",
	"Completed": "Success",
	"Invoiced": "Info",
	"Closed": "Inverse",
	"Cancelled": "Inverse",
}
PROPOSED = "doc.proposed_lines"
CUSTOMER_PAY = "doc.customer_lines"
# (state, action, next state, roles, condition)
TRANSITIONS = (
	("Open", "Start Work", "In Progress", (*ADVISORS, "Technician"), None),
	("Open", "Cancel", "Cancelled", ADVISORS, None),
	("In Progress", "Wait for Parts", "Waiting Parts", (*ADVISORS, "Technician", "Parts Manager"), None),
	("Waiting Parts", "Resume", "In Progress", (*ADVISORS, "Technician", "Parts Manager"), None),
	("In Progress", "Request Approval", "Waiting Approval", ADVISORS, PROPOSED),
	("Waiting Approval", "Resume", "In Progress", ADVISORS, f"not ({PROPOSED})"),
	("In Progress", "Complete", "Completed", ADVISORS, f"not ({PROPOSED})"),
	("In Progress", "Cancel", "Cancelled", ADVISORS, None),
	("Completed", "Invoice", "Invoiced", INVOICERS, CUSTOMER_PAY),
	("Completed", "Close", "Closed", ADVISORS, f"not ({CUSTOMER_PAY})"),
	("Completed", "Reopen", "In Progress", ("Service Manager",), None),
	("Invoiced", "Cancel Invoice", "Completed", (*INVOICERS, "System Manager"), None),
	("Invoiced", "Close", "Closed", ADVISORS, None),
)
ITEMS = {
	"service_labour_item": ("SERVICE-LABOUR", "Workshop labour", "Hour"),
	"sublet_item": ("SERVICE-SUBLET", "Sublet work", "Nos"),
}
ACCOUNTS = {
	"internal_service_expense_account": "Internal Service Expense",
	"warranty_parts_expense_account": "Warranty Parts Expense",
}


def ensure_defaults(settings):
	ensure_appointment_records()
	ensure_workflow()
	values = {field: ensure_service_item(code, name, uom) for field, (code, name, uom) in ITEMS.items()}
	if settings.company:
		for field, name in ACCOUNTS.items():
			values[field] = ensure_expense_account(settings.company, name)
	defaults.fill_empty(settings, values)


def ensure_workflow():
	defaults.ensure_workflow(
		{
			"workflow_name": "Repair Order",
			"document_type": "Repair Order",
			"workflow_state_field": "status",
			"states": [
				{
					"state": state,
					"doc_status": "0",
					"allow_edit": "Service Manager"
					if state in ("Invoiced", "Closed", "Cancelled")
					else "Service Advisor",
				}
				for state in STATES
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
				for state, action, next_state, roles, condition in TRANSITIONS
				for role in roles
			],
		},
		styles=STATES,
	)


def ensure_service_item(code: str, name: str, uom: str) -> str:
	if not frappe.db.exists("Item", code):
		if not frappe.db.exists("UOM", uom):
			uom = "Nos"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": name,
				"item_group": "Labour" if frappe.db.exists("Item Group", "Labour") else "All Item Groups",
				"stock_uom": uom,
				"is_stock_item": 0,
				"is_sales_item": 1,
				"is_purchase_item": 1,
			}
		).insert(ignore_permissions=True)
	return code


def ensure_expense_account(company: str, name: str) -> str | None:
	abbr = frappe.get_cached_value("Company", company, "abbr")
	account = f"{name} - {abbr}"
	if frappe.db.exists("Account", account):
		return account
	parent = frappe.db.get_value(
		"Account", {"company": company, "is_group": 1, "account_name": "Indirect Expenses"}
	) or frappe.db.get_value("Account", {"company": company, "is_group": 1, "root_type": "Expense"})
	if not parent:
		return None
	frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": name,
			"company": company,
			"parent_account": parent,
			"account_type": "Expense Account",
			"root_type": "Expense",
		}
	).insert(ignore_permissions=True)
	return account


EMAIL_TEMPLATES = {
	CONFIRMATION_TEMPLATE: (
		"Your service appointment on {{ appointment_date }} at {{ start_time }} is confirmed",
		"""<p>Dear {{ customer_name }},</p>
<p>Your service appointment is confirmed for <b>{{ appointment_date }}</b>; please bring the vehicle
{{ registration_plate or vehicle }} at <b>{{ start_time }}</b>.</p>
{% if work %}<p>Work requested:</p><ul>{% for line in work %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
<p>Reference: {{ doc.name }}. To change or cancel it, reply to this email or call us.</p>
<p>{{ company }}</p>""",
	),
	REMINDER_TEMPLATE: (
		"Reminder: your service appointment tomorrow at {{ start_time }}",
		"""<p>Dear {{ customer_name }},</p>
<p>This is a reminder of your service appointment tomorrow, <b>{{ appointment_date }}</b> at
<b>{{ start_time }}</b>, for the vehicle {{ registration_plate or vehicle }}.</p>
<p>Reference: {{ doc.name }}. If you can't come, please let us know.</p>
<p>{{ company }}</p>""",
	),
}


def ensure_appointment_records():
	for name, (subject, response) in EMAIL_TEMPLATES.items():
		if not frappe.db.exists("Email Template", name):
			frappe.get_doc(
				{"doctype": "Email Template", "name": name, "subject": subject, "response": response}
			).insert(ignore_permissions=True)
