"""Data for the Dealer Financial Statement browser test (tests/browser/test_statement_browser.py),
made on the served site through Frappe's CLI (which commits) and removed again by tag: this month's
invoices of a part at the counter (its stock bought on a Purchase Receipt), customer-pay labour and
an F&I product, each routed to its department by ERPNext's Item Group Defaults, the month's rent,
and an accountant who opens the report."""

import frappe
from frappe.utils import getdate, nowdate
from frappe.utils.password import update_password

from dms_app.tests import factories

PASSWORD = "Statement-Browser-2026"
ROLES = ("Accounts Manager", "Accounts User", "DMS Manager")


def _names(tag: str) -> frappe._dict:
	return frappe._dict(
		user=f"statement-{tag}@example.com",
		customer=f"Statement Customer {tag}",
		part=f"STMT-PART-{tag}".upper(),
		labour=f"STMT-LABOUR-{tag}".upper(),
		fi=f"STMT-FI-{tag}".upper(),
	)


def setup(tag: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	company = factories.default_company()
	store = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	factories.make_item(names.part, item_group="Parts", valuation_rate=40)
	factories.make_item(names.labour, item_group="Labour", is_stock_item=0, stock_uom="Hour")
	factories.make_item(names.fi, item_group="F&I Products", is_stock_item=0)
	receipt = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": factories.make_supplier(f"Statement Parts Supplier {tag}"),
			"company": company,
			"items": [{"item_code": names.part, "qty": 10, "rate": 40, "warehouse": store}],
		}
	).insert(ignore_permissions=True)
	receipt.submit()
	# the month's overhead: rent paid
	rent = frappe.db.get_value(
		"Account", {"company": company, "account_name": "Office Rent", "is_group": 0}
	) or frappe.get_cached_value("Company", company, "write_off_account")
	cash = frappe.get_cached_value("Company", company, "default_cash_account")
	cost_center = frappe.get_cached_value("Company", company, "cost_center")
	frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": company,
			"posting_date": nowdate(),
			"user_remark": tag,
			"accounts": [
				{"account": rent, "debit_in_account_currency": 900, "cost_center": cost_center},
				{"account": cash, "credit_in_account_currency": 900},
			],
		}
	).insert(ignore_permissions=True).submit()
	factories.make_customer(names.customer)
	for items, update_stock in (
		([{"item_code": names.part, "qty": 4, "rate": 65, "warehouse": store}], 1),
		(
			[
				{"item_code": names.labour, "qty": 2.5, "rate": 140},
				{"item_code": names.fi, "qty": 1, "rate": 890},
			],
			0,
		),
	):
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": names.customer,
				"company": company,
				"update_stock": update_stock,
				"items": items,
			}
		).insert(ignore_permissions=True)
		invoice.submit()
	factories.make_user(names.user, roles=ROLES)
	update_password(names.user, PASSWORD)
	today = getdate(nowdate())
	return {
		"user": names.user,
		"password": PASSWORD,
		"company": company,
		"year": today.year,
		"month": today.month,
	}


def teardown(tag: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	removed = 0
	for doctype, filters in (
		("Sales Invoice", {"customer": names.customer}),
		("Journal Entry", {"user_remark": tag}),
		("Purchase Receipt", {"supplier": f"Statement Parts Supplier {tag}"}),
	):
		for name in frappe.get_all(doctype, filters=filters, pluck="name", order_by="creation desc"):
			doc = frappe.get_doc(doctype, name)
			if doc.docstatus == 1:
				doc.flags.ignore_permissions = True
				doc.cancel()
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True, delete_permanently=True)
			removed += 1
	for doctype, name in (
		("Customer", names.customer),
		("Supplier", f"Statement Parts Supplier {tag}"),
		("Item", names.part),
		("Item", names.labour),
		("Item", names.fi),
		("User", names.user),
	):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True)
	return {"removed": removed}
