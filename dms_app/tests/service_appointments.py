"""Test factories for labour operations, technicians, customer vehicles and portal users (used by
the service tests and handy for the demo). Records are inserted in the caller's transaction."""

import frappe
from frappe.utils import add_days, add_years, nowdate, random_string

from dms_app.portal.customer import link_website_user
from dms_app.tests import factories


def make_service_item(code: str | None = None, rate: float = 120) -> str:
	"""A non-stock labour Item with a price in the default selling price list."""
	code = factories.make_item(
		code or f"LAB-{random_string(6).upper()}", item_group="Labour", is_stock_item=0, stock_uom="Hour"
	)
	price_list = frappe.db.get_single_value("Selling Settings", "selling_price_list") or "Standard Selling"
	if rate and not frappe.db.exists("Item Price", {"item_code": code, "price_list": price_list}):
		frappe.get_doc(
			{"doctype": "Item Price", "item_code": code, "price_list": price_list, "price_list_rate": rate}
		).insert()
	return code


def make_labour_operation(
	code: str | None = None, hours: float = 1.0, item: str | None = None, times=(), **fields
) -> str:
	code = (code or f"OP-{random_string(6)}").upper()
	if not frappe.db.exists("Labour Operation", code):
		frappe.get_doc(
			{
				"doctype": "Labour Operation",
				"operation_code": code,
				"description": fields.pop("description", f"Operation {code}"),
				"item": item or make_service_item(),
				"flat_hours": hours,
				"times": list(times),
				**fields,
			}
		).insert()
	return code


def make_holiday_list(dates=(), name: str | None = None) -> str:
	name = name or f"Test Workshop Holidays {random_string(6)}"
	if not frappe.db.exists("Holiday List", name):
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": add_days(nowdate(), -400),
				"to_date": add_years(nowdate(), 2),
				"holidays": [{"holiday_date": d, "description": "Closed"} for d in dates],
			}
		).insert()
	return name


def make_technician(hours: float | None = None, holiday_list: str | None = None, **fields) -> str:
	"""An active Employee marked Is Technician (own holiday list, so only `holiday_list`'s days are off)."""
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": fields.pop("first_name", f"Tech {random_string(5)}"),
			"gender": "Male",
			"date_of_birth": "1990-01-01",
			"date_of_joining": fields.pop("date_of_joining", add_days(nowdate(), -365)),
			"company": fields.pop("company", factories.default_company()),
			"status": "Active",
			"is_technician": 1,
			"technician_hours_per_day": hours,
			"holiday_list": holiday_list or make_holiday_list(),
			**fields,
		}
	).insert()
	return doc.name


def make_customer_vehicle(customer: str | None = None, trim: str | None = None, **fields) -> str:
	"""A customer's Honda Accord the dealer services."""
	trim = trim or factories.make_vehicle_trim("Honda", "Accord", "EX")
	return factories.make_customer_vehicle(customer, trim=trim, **fields)


def make_website_user(customer: str, email: str | None = None) -> str:
	"""A Website User linked to `customer` through a Contact (how the portal knows whose cars are whose)."""
	return link_website_user(customer, email or f"test-{random_string(8).lower()}@example.com")
