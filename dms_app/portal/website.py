"""The portal as the dealer's: its menu, brand, footer and language switch.

- Menu: the DMS pages come to Portal Settings through the `standard_portal_menu_items` hook, like
  ERPNext's, so an admin orders, hides or shows them all in one place (Portal Settings > Menu).
  `setup_portal_menu()` (once: at install and by a patch) hides ERPNext's customer pages a car
  owner has no use for, keeping Invoices; Frappe's sync on migrate only adds missing items and
  never turns a hidden one back on, so the admin's choice survives.
- Brand and footer (`update_website_context` hook): Website Settings' brand HTML and footer text
  when the admin set them, otherwise the dealer's name and logo (Website Settings app name and
  logo, else the default Company's) and no "Powered by ERPNext".
- Language: a logged-in customer switches between the portal languages with
  dms_app.api.portal.set_language (stored as the user's language); Frappe's own picker is for
  guests only.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

# The DMS pages first, then the ERPNext pages a car owner keeps (by route).
PORTAL_ROUTES = ("/my-vehicles", "/repair-status", "/book-service")
KEPT_ERPNEXT_ROUTES = ("/invoices",)
# The portal's languages, with their names as their speakers write them.
PORTAL_LANGUAGES = {"en": "English", "zh": "简体中文"}


# ------------------------------------------------------------------ menu


def setup_portal_menu() -> None:
	"""Show a customer the DMS pages and Invoices; hide ERPNext's other customer and all-user
	pages (Projects, Timesheets, Material Request, Newsletter, Shipments, Issues, ...). Supplier
	pages stay as they are. Run once per site: afterwards the menu is the admin's."""
	settings = frappe.get_single("Portal Settings")
	settings.sync_menu()
	kept = PORTAL_ROUTES + KEPT_ERPNEXT_ROUTES
	for item in settings.menu:
		if item.route in kept:
			item.enabled = 1
		elif (item.role or "Customer") == "Customer":
			item.enabled = 0
	order = {route: i for i, route in enumerate(kept)}
	settings.menu = sorted(settings.menu, key=lambda item: order.get(item.route, len(order)))
	for idx, item in enumerate(settings.menu, 1):
		item.idx = idx
	settings.save(ignore_permissions=True)


# ------------------------------------------------------------------ brand and footer


def dealer_brand() -> frappe._dict:
	"""The dealer's name and logo: Website Settings first, else the default Company."""
	website = frappe.get_cached_doc("Website Settings")
	company = frappe.defaults.get_global_default("company")
	name = website.app_name if website.app_name and website.app_name != "Frappe" else None
	logo = website.app_logo or website.banner_image
	if company and (not name or not logo):
		name = name or company
		logo = logo or frappe.get_cached_value("Company", company, "company_logo")
	return frappe._dict(name=name or _("Home"), logo=logo)


def update_website_context(context):
	"""Brand and footer of every website page (the admin's Website Settings win)."""
	brand = None
	if not context.get("brand_html"):
		brand = dealer_brand()
		logo = (
			f'<img class="dms-brand-logo" src="{escape_html(brand.logo)}" alt="" style="max-height: 32px">'
			if brand.logo
			else ""
		)
		context.brand_html = f'{logo}<span class="dms-brand-name">{escape_html(brand.name)}</span>'
	if not context.get("footer_powered"):
		brand = brand or dealer_brand()
		context.footer_powered = f'<span class="dms-footer-dealer">{escape_html(brand.name)}</span>'
	return context


def language_choices() -> list[dict]:
	"""The portal's languages for the switch, the page's own marked active."""
	lang = frappe.local.lang or "en"
	return [
		{"code": code, "label": label, "active": lang == code or lang.startswith(code + "-")}
		for code, label in PORTAL_LANGUAGES.items()
	]


def set_user_language(language: str) -> str:
	if language not in PORTAL_LANGUAGES:
		frappe.throw(
			_("Choose one of: {0}.").format(", ".join(PORTAL_LANGUAGES.values())), frappe.ValidationError
		)
	user = frappe.session.user
	if user == "Guest":
		frappe.throw(_("Log in to change your language."), frappe.PermissionError)
	# the user's own preference, as on their profile page (a website user has no write on User)
	frappe.db.set_value("User", user, "language", language)
	frappe.clear_cache(user=user)
	frappe.local.lang = language
	return language
