"""Factories for the ERPNext records tests need. Every record is inserted inside the test's
transaction (rolled back afterwards), so names only need to be unique within one test."""

import frappe
from frappe.utils import random_string


def default_company() -> str:
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def make_company(name: str | None = None, abbr: str | None = None, currency: str = "USD") -> str:
	name = name or f"Test Motors {random_string(5)}"
	if frappe.db.exists("Company", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Company",
			"company_name": name,
			"abbr": abbr or random_string(4).upper(),
			"default_currency": currency,
			"country": "United States",
			"chart_of_accounts": "Standard",
		}
	).insert()
	return name


def make_warehouse(name: str | None = None, company: str | None = None, parent: str | None = None) -> str:
	company = company or default_company()
	abbr = frappe.get_cached_value("Company", company, "abbr")
	name = name or f"Test Yard {random_string(5)}"
	full_name = f"{name} - {abbr}"
	if not frappe.db.exists("Warehouse", full_name):
		frappe.get_doc(
			{
				"doctype": "Warehouse",
				"warehouse_name": name,
				"company": company,
				"parent_warehouse": parent or f"All Warehouses - {abbr}",
			}
		).insert()
	return full_name


def make_customer(name: str | None = None, **fields) -> str:
	name = name or f"Test Customer {random_string(6)}"
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Individual",
				"customer_group": frappe.db.get_single_value("Selling Settings", "customer_group")
				or "All Customer Groups",
				"territory": frappe.db.get_single_value("Selling Settings", "territory") or "All Territories",
				**fields,
			}
		).insert()
	return name


def make_supplier(name: str | None = None, **fields) -> str:
	name = name or f"Test Supplier {random_string(6)}"
	if not frappe.db.exists("Supplier", name):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": name,
				"supplier_group": frappe.db.get_single_value("Buying Settings", "supplier_group")
				or "All Supplier Groups",
				**fields,
			}
		).insert()
	return name


def make_item(code: str | None = None, **fields) -> str:
	"""A stock item (non-serialised unless has_serial_no=1 is passed)."""
	code = code or f"TEST-{random_string(8).upper()}"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": fields.pop("item_name", code),
				"item_group": fields.pop("item_group", "All Item Groups"),
				"stock_uom": fields.pop("stock_uom", "Nos"),
				"is_stock_item": fields.pop("is_stock_item", 1),
				"valuation_rate": fields.pop("valuation_rate", 0),
				**fields,
			}
		).insert()
	return code


def make_user(email: str | None = None, roles: tuple[str, ...] = (), user_type: str = "System User") -> str:
	email = email or f"test-{random_string(8).lower()}@example.com"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": user_type,
				"send_welcome_email": 0,
			}
		)
		user.insert(ignore_permissions=True)
		if roles:
			user.add_roles(*roles)
	return email
