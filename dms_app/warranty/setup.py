"""Warranty's editable defaults: created when missing, never overwritten (an admin's edits stay).

- the "OEM Warranty Claim" Workflow, generated from the claim's lifecycle (warranty/lifecycle.py);
- the claim deadline reminders (Frappe Notifications, English and Chinese);
- rejection / debit reason codes (a taxonomy after the ANSI X12 element 1172 list);
- the Warranty Claim Income and Warranty Write-off accounts, the non-stock warranty items the
  OEM invoice uses, and the DMS Settings Warranty tab values pointing at them.
"""

import frappe

from dms_app.controllers import lifecycle
from dms_app.setup import defaults, notifications
from dms_app.warranty.lifecycle import LIFECYCLE

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


DEADLINE_REMINDER = "Warranty Claim Deadline"
DEADLINE_REMINDER_ZH = "保修索赔截止提醒"
# one record per language (dms_app/setup/notifications.py)
DEADLINE_MESSAGES = {
	DEADLINE_REMINDER: (
		"Claim {{ doc.name }} must reach the OEM by {{ frappe.utils.formatdate(doc.submission_deadline) }}",
		"""<p>Warranty claim {{ doc.name }} (VIN {{ doc.vin }}, {{ doc.model or doc.make }}) is still a draft.</p>
<p>The OEM accepts it until <b>{{ frappe.utils.formatdate(doc.submission_deadline) }}</b>; claimed:
{{ frappe.utils.fmt_money(doc.claimed_amount, currency=doc.currency) }}.</p>
<p><a href="{{ frappe.utils.get_url_to_form(doc.doctype, doc.name) }}">Open the claim</a> and submit it to the OEM.</p>""",
	),
	DEADLINE_REMINDER_ZH: (
		"保修索赔 {{ doc.name }} 须在 {{ frappe.utils.formatdate(doc.submission_deadline) }} 前提交厂家",
		"""<p>保修索赔 {{ doc.name }}（车架号 {{ doc.vin }}，{{ doc.model or doc.make }}）仍是草稿。</p>
<p>厂家受理截止日期：<b>{{ frappe.utils.formatdate(doc.submission_deadline) }}</b>；索赔金额：
{{ frappe.utils.fmt_money(doc.claimed_amount, currency=doc.currency) }}。</p>
<p>请<a href="{{ frappe.utils.get_url_to_form(doc.doctype, doc.name) }}">打开索赔单</a>并提交厂家。</p>""",  # noqa: RUF001 (Chinese punctuation)
	),
}


def ensure_defaults(settings):
	ensure_reasons()
	lifecycle.ensure_workflow(LIFECYCLE)
	ensure_deadline_reminders(settings.warranty_deadline_alert_days)
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


def ensure_deadline_reminders(days: int | None) -> None:
	"""Email (and bell) reminders to the warranty administrators and the claim's owner `days` before a
	draft claim's OEM submission deadline, in the site's language."""
	language = notifications.site_language()
	for name, (subject, message) in DEADLINE_MESSAGES.items():
		notifications.ensure_notification(
			name,
			enabled=language == ("zh" if name == DEADLINE_REMINDER_ZH else "en"),
			subject=subject,
			document_type="OEM Warranty Claim",
			event="Days Before",
			date_changed="submission_deadline",
			days_in_advance=days or 7,
			condition="doc.docstatus == 0",
			channel="Email",
			send_system_notification=1,
			message=message,
			recipients=[
				{"receiver_by_role": "Warranty Administrator"},
				{"receiver_by_document_field": "owner"},
			],
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
