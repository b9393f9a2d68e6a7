"""The pages render through Frappe's website router (route rule, templates, sidebar menu), in English
and Simplified Chinese, and every portal string has a Chinese translation."""

import csv
import re
from pathlib import Path

import frappe
import pytest
from frappe.translate import clear_cache as clear_translation_cache
from frappe.utils import set_request
from frappe.website.serve import get_response

from dms_app.portal import JS_MESSAGES
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order

APP = Path(__file__).resolve().parents[1]
SOURCES = [
	*sorted((APP / "www").glob("*.py")),
	*sorted((APP / "www").glob("*.html")),
	*sorted((APP / "templates" / "dms_portal").glob("*.html")),
	*sorted(p for p in (APP / "portal").glob("*.py") if not p.name.startswith("test_")),
	APP / "api" / "portal.py",
	APP / "public" / "js" / "dms_portal.js",
]
SHOWN_OPTIONS = (
	("Repair Order", "status"),
	("Service Appointment", "status"),
	("Repair Order Labour", "pay_type"),
	("Repair Order Labour", "approval_status"),
)
MESSAGE = re.compile(r"""(?<![\w.])__?\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def zh_translations() -> dict[str, str]:
	with open(APP / "translations" / "zh.csv", encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def portal_strings() -> set[str]:
	strings = set(JS_MESSAGES)
	for path in SOURCES:
		strings.update(m.group(1)[1:-1] for m in MESSAGE.finditer(path.read_text(encoding="utf-8")))
	menu = frappe.get_hooks("standard_portal_menu_items", app_name="dms_app")
	strings.update(item["title"] for item in menu if "/" in item["route"])
	# statuses and line states the pages show through _(value)
	for doctype, field in SHOWN_OPTIONS:
		strings.update(filter(None, frappe.get_meta(doctype).get_options(field).split("\n")))
	return strings


def test_every_portal_string_has_a_chinese_translation():
	zh = zh_translations()
	missing = sorted(s for s in portal_strings() if not zh.get(s))
	assert not missing, f"add to dms_app/translations/zh.csv: {missing}"


def test_js_strings_are_listed_for_the_page():
	js = (APP / "public" / "js" / "dms_portal.js").read_text(encoding="utf-8")
	used = {m.group(1)[1:-1] for m in MESSAGE.finditer(js)}
	assert used <= set(JS_MESSAGES), f"add to JS_MESSAGES: {sorted(used - set(JS_MESSAGES))}"


@pytest.fixture
def alice():
	customer = make_portal_customer("Portal Alice")
	customer.vin = make_customer_vehicle(customer.customer, registration_plate="沪A-12345")
	customer.ro = make_repair_order(customer.customer, customer.vin).name
	return customer


def render(path: str) -> tuple[int, str]:
	"""Serve a path through Frappe's website router as a GET request. The fake request is removed
	afterwards: Frappe code that finds a GET request on frappe.local commits (access logs do), which
	would defeat the rollback of every later test in the session."""
	previous = getattr(frappe.local, "request", None)
	set_request(method="GET", path=path)
	try:
		response = get_response()
		return response.status_code, response.get_data(as_text=True)
	finally:
		frappe.form_dict.clear()
		if previous is not None:
			frappe.local.request = previous
		else:
			del frappe.local.request


@pytest.fixture
def lang():
	def set_lang(code):
		frappe.local.lang = code
		clear_translation_cache()

	yield set_lang
	frappe.local.lang = "en"


def test_pages_render_for_the_customer(alice, lang):
	lang("en")
	frappe.set_user(alice.user)
	status, html = render("/my-vehicles")
	assert status == 200 and alice.vin in html and "My Vehicles" in html
	assert "/repair-status" in html and "/book-service" in html  # portal menu
	status, html = render(f"/my-vehicles/{alice.vin}")
	assert status == 200 and alice.ro in html and "沪A-12345" in html
	status, html = render("/repair-status")
	assert status == 200 and "Replace front brake pads" in html and "dms-approve" in html
	status, html = render("/book-service")
	assert status == 200 and alice.vin in html
	assert getattr(frappe.local, "request", None) is None  # no GET request left for later tests


def test_pages_render_in_simplified_chinese(alice, lang):
	frappe.set_user(alice.user)
	lang("zh")
	status, html = render("/my-vehicles")
	assert status == 200 and "我的车辆" in html and "车牌号" in html
	status, html = render("/repair-status")
	assert "维修进度" in html and "批准" in html and '"Approve": "批准"' in html


def test_other_customer_and_guest_get_404_and_login(alice, lang):
	lang("en")
	bob = make_portal_customer("Portal Bob")
	frappe.set_user(bob.user)
	status, html = render(f"/my-vehicles/{alice.vin}")
	assert status == 404 and "沪A-12345" not in html
	frappe.set_user("Guest")
	for path in ("/my-vehicles", f"/my-vehicles/{alice.vin}", "/repair-status", "/book-service"):
		status, html = render(path)
		assert status == 403 and "沪A-12345" not in html and "/login" in html


def test_translations_cannot_break_out_of_the_page_script(lang):
	"""The JS strings go into a <script> as JSON: a translation holding "</script>" or "<!--" (an
	admin's Translation record) must stay text."""
	import json

	from dms_app.portal import page_context

	evil = "</script><img src=x onerror=alert(1)><!--"
	frappe.get_doc(
		{"doctype": "Translation", "language": "zh", "source_text": "Booking…", "translated_text": evil}
	).insert()
	try:
		lang("zh")
		messages = page_context(frappe._dict(), "t").portal_messages
		assert "<" not in messages and json.loads(messages)["Booking…"] == evil
	finally:
		frappe.db.rollback()
		clear_translation_cache()
