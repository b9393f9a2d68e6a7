"""Data for the Simplified Chinese browser test (tests/browser/test_zh_browser.py), made on the served
site through Frappe's CLI (which commits) and removed again by tag: the portal test's two customers
(dms_app.tests.portal_browser), customer A and its login in Chinese, A's repair order authorised (so
its Datetime field with a description shows), a draft vehicle deal for A, and a desk user whose
language is zh."""

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import update_password

from dms_app.tests import factories, portal_browser
from dms_app.tests import vehicle_sales as sales

LANGUAGE = "zh"
ROLES = ("Service Advisor", "Service Manager", "Sales Consultant", "Sales Manager", "Sales User")


def _desk_user(tag: str) -> str:
	return f"zh-desk-{tag}@example.com"


def setup(tag: str) -> dict:
	out = portal_browser.setup(tag)
	a = out["A"]
	frappe.db.set_value("Customer", a["customer"], "language", LANGUAGE)
	frappe.db.set_value("User", a["user"], "language", LANGUAGE)
	frappe.db.set_value("Repair Order", a["ro"], "customer_authorised_on", now_datetime())
	user = factories.make_user(_desk_user(tag), roles=ROLES)
	frappe.db.set_value("User", user, "language", LANGUAGE)
	update_password(user, out["password"])
	trim = frappe.db.get_value("Vehicle Trim", {}) or factories.make_vehicle_trim(list_price=30000)
	deal = sales.make_deal(a["customer"], trim=trim, vehicle_price=30000)
	return {**out, "desk_user": user, "deal": deal.name, "deal_language": deal.language}


def teardown(tag: str) -> dict:
	frappe.set_user("Administrator")
	customers = [portal_browser._names(tag)[key] for key in ("A", "B")]
	for deal in frappe.get_all("Vehicle Deal", filters={"customer": ("in", customers)}, pluck="name"):
		frappe.delete_doc("Vehicle Deal", deal, force=1, ignore_permissions=True)
	frappe.delete_doc("User", _desk_user(tag), force=1, ignore_permissions=True)
	return portal_browser.teardown(tag)
