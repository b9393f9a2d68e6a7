"""The portal is the dealer's (issue 23, item 5): the menu offers a car owner the DMS pages and
Invoices, not ERPNext's projects or timesheets; navbar and footer carry the dealer's name, not
"Powered by ERPNext"; a customer switches the portal between English and Simplified Chinese."""

import re

import frappe
import pytest
from frappe.translate import clear_cache as clear_translation_cache
from frappe.translate import get_user_lang

from dms_app.api import portal as api
from dms_app.portal.test_portal_render import render
from dms_app.portal.website import PORTAL_ROUTES, dealer_brand, setup_portal_menu, update_website_context
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer

SHOWN = (*PORTAL_ROUTES, "/invoices")
HIDDEN = ("/project", "/timesheets", "/material-requests", "/newsletters", "/shipments", "/issues")


@pytest.fixture
def alice():
	customer = make_portal_customer("Portal Alice")
	customer.vin = make_customer_vehicle(customer.customer)
	return customer


@pytest.fixture
def portal_settings():
	"""Tests that save Portal Settings: the menu caches are rebuilt from the rolled-back database."""
	yield frappe.get_single("Portal Settings")
	frappe.db.rollback()
	frappe.clear_document_cache("Portal Settings", "Portal Settings")
	frappe.cache.delete_key("portal_menu_items")


def sidebar_routes(html: str) -> list[str]:
	sidebar = html[html.index("web-sidebar") :] if "web-sidebar" in html else html
	routes = re.findall(r'<li class="sidebar-item">\s*<a href="([^"]+)"', sidebar)
	return [route for route in routes if route != "/me"]  # Frappe's own "My Account"


def test_the_site_shows_a_customer_the_dms_pages_and_invoices(alice):
	"""As installed and migrated (the dealer_portal_menu patch / install step)."""
	frappe.cache.hdel("portal_menu_items", alice.user)
	frappe.set_user(alice.user)
	status, html = render("/my-vehicles")
	assert status == 200
	assert sidebar_routes(html) == list(SHOWN)


def test_migrate_keeps_the_menu_and_the_admins_choice(alice, portal_settings):
	setup_portal_menu()
	# an admin shows Issues again; migrate syncs the menu from the hooks
	settings = frappe.get_single("Portal Settings")
	next(item for item in settings.menu if item.route == "/issues").enabled = 1
	settings.save()
	frappe.get_single("Portal Settings").sync_menu()
	frappe.set_user(alice.user)
	_status, html = render("/repair-status")
	routes = sidebar_routes(html)
	assert routes[:4] == list(SHOWN) and "/issues" in routes
	assert not set(HIDDEN) - {"/issues"} & set(routes)


def test_supplier_pages_are_left_alone(portal_settings):
	setup_portal_menu()
	menu = {item.route: item for item in frappe.get_single("Portal Settings").menu}
	assert menu["/purchase-orders"].enabled and menu["/rfq"].enabled
	assert all(not menu[route].enabled for route in HIDDEN if route in menu)


def test_navbar_and_footer_carry_the_dealers_name(alice):
	brand = dealer_brand()
	assert brand.name and brand.name != "Frappe"
	frappe.set_user(alice.user)
	_status, html = render("/my-vehicles")
	navbar = html[html.index("navbar-brand") : html.index("</a>", html.index("navbar-brand"))]
	assert frappe.utils.escape_html(brand.name) in navbar
	footer = html[html.index("footer-powered") :]
	assert "ERPNext" not in footer and "Powered by" not in footer
	assert frappe.utils.escape_html(brand.name) in footer


def test_website_settings_brand_and_footer_win():
	context = update_website_context(frappe._dict(brand_html="<b>Admin brand</b>", footer_powered="Ours"))
	assert (context.brand_html, context.footer_powered) == ("<b>Admin brand</b>", "Ours")


def test_the_dealer_name_from_website_settings_is_escaped():
	frappe.db.set_single_value("Website Settings", "app_name", "Kim & <Sons>")
	frappe.clear_document_cache("Website Settings", "Website Settings")
	try:
		context = update_website_context(frappe._dict())
		assert "Kim &amp; &lt;Sons&gt;" in context.brand_html and "<Sons>" not in context.brand_html
		assert "Kim &amp; &lt;Sons&gt;" in context.footer_powered
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("Website Settings", "Website Settings")


def test_customer_switches_the_portal_to_simplified_chinese(alice):
	frappe.set_user(alice.user)
	status, html = render("/my-vehicles")
	assert 'data-lang="zh"' in html and "简体中文" in html and "<title>My Vehicles" in html
	assert api.set_language("zh") == "zh"
	frappe.set_user("Administrator")
	assert frappe.db.get_value("User", alice.user, "language") == "zh"
	frappe.set_user(alice.user)
	# what Frappe does when the user's next request begins
	frappe.local.lang = get_user_lang(alice.user)
	clear_translation_cache()
	try:
		status, html = render("/my-vehicles")
		assert status == 200 and "<title>我的车辆" in html and '<h1 class="dms-portal-title">我的车辆' in html
		assert re.search(r'btn-primary active"\s+data-lang="zh"', html)
		status, html = render("/repair-status")
		assert "<title>维修进度" in html
	finally:
		frappe.local.lang = "en"


def test_only_portal_languages_and_only_logged_in_users(alice):
	frappe.set_user(alice.user)
	with pytest.raises(frappe.ValidationError):
		api.set_language("fr")
	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		api.set_language("zh")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("User", alice.user, "language") in (None, "", "en")
