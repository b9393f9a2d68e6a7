"""Test helpers for planning and alerts: real ERPNext stock documents at past dates."""

import frappe
from frappe.utils import add_months, get_first_day, nowdate

from dms_app.tests.factories import default_company, make_customer, make_item


def parts_warehouse() -> str:
	return frappe.db.get_single_value("DMS Settings", "parts_warehouse")


def months_ago(months: int, day: int = 10) -> str:
	"""A date in the month ``months`` before the current one."""
	first = get_first_day(add_months(nowdate(), -months))
	return str(first.replace(day=day))


def make_part(code: str | None = None) -> str:
	return make_item(code, item_group="Parts", is_purchase_item=1, valuation_rate=10)


def stock_entry(
	purpose: str, item: str, qty: float, posting_date: str, source=None, target=None, submit=True
):
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": default_company(),
			"set_posting_time": 1,
			"posting_date": posting_date,
			"items": [
				{
					"item_code": item,
					"qty": qty,
					"s_warehouse": source,
					"t_warehouse": target,
					"basic_rate": 10,
					"allow_zero_valuation_rate": 1,
				}
			],
		}
	)
	entry.insert()
	if submit:
		entry.submit()
	return entry


def delivery_note(item: str, qty: float, posting_date: str, warehouse: str, customer: str | None = None):
	note = frappe.get_doc(
		{
			"doctype": "Delivery Note",
			"customer": customer or make_customer(),
			"company": default_company(),
			"set_posting_time": 1,
			"posting_date": posting_date,
			"items": [{"item_code": item, "qty": qty, "rate": 20, "warehouse": warehouse}],
		}
	)
	note.insert()
	note.submit()
	return note
