"""Row-level access: a Sales Consultant works on their own deals and test drives; managers on all.

Enforced on the server through Frappe's permission_query_conditions (lists, reports, link search)
and has_permission (every document read or write) hooks."""

import frappe

MANAGERS = ("Sales Manager", "DMS Manager", "System Manager", "Administrator")
OWNER_FIELD = {"Vehicle Deal": "sales_person", "Test Drive": "sales_person"}


def restricted(user: str) -> bool:
	"""True for a Sales Consultant who is none of the managers."""
	roles = frappe.get_roles(user)
	return "Sales Consultant" in roles and not any(role in roles for role in MANAGERS)


def query_conditions(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if not restricted(user):
		return ""
	field = OWNER_FIELD[doctype]
	return f"`tab{doctype}`.`{field}` = {frappe.db.escape(user)}"


def deal_query(user=None, doctype=None):
	return query_conditions("Vehicle Deal", user)


def test_drive_query(user=None, doctype=None):
	return query_conditions("Test Drive", user)


def has_own_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if not restricted(user):
		return None
	return None if doc.get(OWNER_FIELD[doc.doctype]) == user else False
