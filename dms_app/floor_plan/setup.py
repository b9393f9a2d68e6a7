"""Editable defaults of the floor plan: the vehicle document types, created once (an admin renames,
adds or unticks them afterwards; migrate leaves them alone), and per company the Floor Plan Interest
expense account (made at install for the DMS Settings company, else when a company's interest is first
posted)."""

import frappe

INTEREST_ACCOUNT = "Floor Plan Interest"

# (name, required at delivery, pledged with financing)
DOCUMENT_TYPES = (
	("Certificate", 1, 1),  # certificate of conformity 合格证 / MSO
	("Keys", 1, 0),
	("Manuals and Warranty Card", 1, 0),  # incl. 三包凭证
	("Registration Documents", 0, 0),  # 上牌资料
)


def ensure_defaults(settings=None):
	if settings and settings.get("company") and frappe.db.exists("Company", settings.company):
		interest_account(settings.company)
	if frappe.db.count("Vehicle Document Type"):
		return
	for name, required, pledged in DOCUMENT_TYPES:
		frappe.get_doc(
			{
				"doctype": "Vehicle Document Type",
				"document_type_name": name,
				"required_at_delivery": required,
				"pledged_with_financing": pledged,
			}
		).insert(ignore_permissions=True)


def interest_account(company: str) -> str | None:
	"""The company's floor-plan interest expense account (an indirect expense: under the group of its
	round-off account, else of its default expense account), created when missing."""
	from dms_app.dealer_accounting.setup import ensure_account, parent_group

	round_off = frappe.get_cached_value("Company", company, "round_off_account")
	parent = (round_off and frappe.db.get_value("Account", round_off, "parent_account")) or parent_group(
		company, "default_expense_account", "Expense"
	)
	return ensure_account(company, INTEREST_ACCOUNT, parent, "Expense Account")
