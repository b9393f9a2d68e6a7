"""Warranty's editable defaults: created when missing, never overwritten (an admin's edits stay).

- the "OEM Warranty Claim" Workflow, its states and actions;
- rejection / debit reason codes (a taxonomy after the ANSI X12 element 1172 list);
- the Warranty Claim Income and Warranty Write-off accounts, the non-stock warranty items the
  OEM invoice uses, and the DMS Settings Warranty tab values pointing at them.
"""

import frappe

from dms_app.setup import defaults

WORKFLOW = "OEM Warranty Claim"
# (state, docstatus, style, roles allowed to edit in it)
STATES = (
	("Draft", 0, "", ("Warranty Administrator", "Service Manager")),
	("Submitted", 1, "Primary", ("Warranty Administrator",)),
	("Accepted", 1, "Info", ("Warranty Administrator",)),
	("Partially Accepted", 1, "Warning", ("Warranty Administrator",)),
	("Rejected", 1, "Danger", ("Warranty Administrator",)),
	("Resubmitted", 1, "Primary", ("Warranty Administrator",)),
	("Credited", 1, "Success", ("Warranty Administrator",)),
	("Written Off", 1, "Inverse", ("Warranty Administrator",)),
	("Cancelled", 2, "Inverse", ("Warranty Administrator",)),
)
# (from state, action, to state); every transition for the Warranty Administrator role.
TRANSITIONS = (
	("Draft", "Submit", "Submitted"),
	*(
		(awaiting, action, decision)
		for awaiting in ("Submitted", "Resubmitted")
		for action, decision in (
			("Accept", "Accepted"),
			("Partially Accept", "Partially Accepted"),
			("Reject", "Rejected"),
		)
	),
	("Partially Accepted", "Resubmit", "Resubmitted"),
	("Rejected", "Resubmit", "Resubmitted"),
	("Accepted", "Record Credit", "Credited"),
	("Partially Accepted", "Record Credit", "Credited"),
	("Rejected", "Write Off", "Written Off"),
)
# (code, reason, category, what the OEM means / how to fix it)
REJECTION_REASONS = (
	("IVN", "Invalid VIN", "Vehicle", "The VIN is unknown to the OEM or mistyped; check the check digit."),
	("NWR", "Vehicle not registered for warranty", "Vehicle", "No retail delivery (warranty start) on file."),
	("OOT", "Outside warranty period (time)", "Coverage", "The failure date is after the policy expired."),
	("OOD", "Outside warranty distance", "Coverage", "The odometer is beyond the policy's distance limit."),
	("NCD", "Not a covered defect", "Coverage", "Wear item, maintenance or a component the policy excludes."),
	(
		"ABU",
		"Misuse, accident or external damage",
		"Coverage",
		"Damage caused by the customer or outside events.",
	),
	(
		"MOD",
		"Non-genuine parts or modification",
		"Coverage",
		"Aftermarket parts or tuning caused the failure.",
	),
	("EXH", "Excessive hours claimed", "Labour", "Hours above the OEM's time guide for the operation."),
	("ILO", "Invalid labour operation", "Labour", "The operation code does not fit the repair."),
	("ILR", "Incorrect labour rate", "Labour", "Rate above the rate agreed with the OEM."),
	("WCP", "Wrong causal part", "Parts", "The part named as failed first is not the cause."),
	("IPP", "Incorrect part price", "Parts", "Parts above dealer net plus the agreed handling."),
	(
		"PNR",
		"Failed part not returned or not retained",
		"Parts",
		"The OEM asked for the part for inspection.",
	),
	("EXQ", "Excessive parts quantity", "Parts", "More parts than the repair needs."),
	("SNA", "Sublet not authorised", "Sublet", "Sublet work without the OEM's prior approval."),
	(
		"MDC",
		"Missing documentation",
		"Documentation",
		"Repair order, photos, diagnostic log or invoice missing.",
	),
	("PAR", "Prior authorisation required", "Documentation", "The repair needed the OEM's approval first."),
	(
		"IFC",
		"Invalid failure or defect code",
		"Documentation",
		"Failure or defect code missing or not valid.",
	),
	(
		"ODO",
		"Odometer reading inconsistent",
		"Documentation",
		"Reading lower than earlier repairs or missing.",
	),
	("DUP", "Duplicate claim", "Timing", "The repair was already claimed."),
	("LTE", "Claim submitted after the deadline", "Timing", "Outside the OEM's submission window."),
	("CMP", "Covered by a campaign / recall", "Other", "Claim it under the campaign instead."),
	("OTH", "Other (see notes)", "Other", "The OEM's note explains the decision."),
)
ITEMS = {
	# DMS Settings field: (item code, item name)
	"warranty_labour_item": ("WTY-LABOUR", "Warranty Labour (OEM claim)"),
	"warranty_parts_item": ("WTY-PARTS", "Warranty Parts (OEM claim)"),
	"warranty_sublet_item": ("WTY-SUBLET", "Warranty Sublet (OEM claim)"),
}
ITEM_GROUP = "Warranty Claims"
INCOME_ACCOUNT = "Warranty Claim Income"
WRITE_OFF_ACCOUNT = "Warranty Write-off"


def ensure_defaults(settings):
	ensure_reasons()
	ensure_workflow()
	values = ensure_items()
	if company := settings.company:
		values["warranty_income_account"] = ensure_account(company, INCOME_ACCOUNT, "Income", "Direct Income")
		values["warranty_write_off_account"] = ensure_account(
			company, WRITE_OFF_ACCOUNT, "Expense", "Indirect Expenses"
		)
	defaults.fill_empty(settings, values)


def ensure_reasons():
	for code, title, category, description in REJECTION_REASONS:
		if not frappe.db.exists("Warranty Rejection Reason", code):
			frappe.get_doc(
				{
					"doctype": "Warranty Rejection Reason",
					"code": code,
					"title": title,
					"category": category,
					"description": description,
				}
			).insert(ignore_permissions=True)


def ensure_workflow():
	defaults.ensure_workflow(
		{
			"workflow_name": WORKFLOW,
			"document_type": "OEM Warranty Claim",
			"workflow_state_field": "status",
			"states": [
				{"state": state, "doc_status": str(docstatus), "allow_edit": role, "send_email": 0}
				for state, docstatus, _style, roles in STATES
				for role in roles
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": "Warranty Administrator",
					"allow_self_approval": 1,
				}
				for state, action, next_state in TRANSITIONS
			],
		},
		styles={state: style for state, _docstatus, style, _roles in STATES},
	)


def ensure_items() -> dict:
	if not frappe.db.exists("Item Group", ITEM_GROUP):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": ITEM_GROUP, "parent_item_group": "All Item Groups"}
		).insert(ignore_permissions=True)
	for code, name in ITEMS.values():
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": ITEM_GROUP,
					"stock_uom": "Nos",
					"is_stock_item": 0,
					"is_purchase_item": 0,
					"is_sales_item": 1,
					"include_item_in_manufacturing": 0,
				}
			).insert(ignore_permissions=True)
	return {field: code for field, (code, _name) in ITEMS.items()}


def ensure_account(company: str, account_name: str, root_type: str, parent_name: str) -> str:
	existing = frappe.db.get_value(
		"Account", {"company": company, "account_name": account_name, "is_group": 0}
	)
	if existing:
		return existing
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_name": parent_name, "is_group": 1}
	) or frappe.db.get_value("Account", {"company": company, "root_type": root_type, "is_group": 1})
	account = frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": account_name,
			"parent_account": parent,
			"company": company,
			"root_type": root_type,
			"report_type": "Profit and Loss",
			"account_type": "Income Account" if root_type == "Income" else "Expense Account",
		}
	)
	account.insert(ignore_permissions=True)
	return account.name
