"""The app's editable default records: created at install, never overwritten.

Fixtures are re-imported on every migrate and would overwrite what an admin changed, so item
groups, warehouses, workflows, templates and accounts are created here instead, once. Settings
values are DocField defaults of DMS Settings.
"""

import frappe
from frappe.cache_manager import clear_defaults_cache
from frappe.model import table_fields

ROLES = (
	"DMS Manager",
	"Sales Consultant",
	"Sales Manager",
	"Service Advisor",
	"Technician",
	"Parts Manager",
	"Service Manager",
	"Warranty Administrator",
)
ITEM_GROUPS = {
	"vehicle_item_group": "Vehicles",
	"used_vehicle_item_group": "Used Vehicles",
	"parts_item_group": "Parts",
	"fi_item_group": "F&I Products",
}
WAREHOUSES = {
	"new_vehicle_warehouse": "New Vehicles",
	"used_vehicle_warehouse": "Used Vehicles",
	"in_transit_warehouse": "Vehicles In Transit",
	"parts_warehouse": "Parts Store",
	"workshop_warehouse": "Workshop",
}


# each area's editable records (workflows, accounts, items, templates, alert rules); each takes the
# unsaved DMS Settings and fills the fields that point at what it created
AREA_DEFAULTS = (
	"dms_app.vehicle_sales.setup.ensure_defaults",
	"dms_app.planning.setup.ensure_defaults",
	"dms_app.warranty.setup.ensure_defaults",
	"dms_app.service.setup.ensure_defaults",
	"dms_app.oem_orders.setup.ensure_defaults",
	"dms_app.dealer_accounting.setup.ensure_defaults",  # after warranty and service: it names their accounts
	"dms_app.floor_plan.setup.ensure_defaults",
)


def after_install():
	from frappe.utils.fixtures import sync_fixtures

	from dms_app.portal.website import setup_portal_menu
	from dms_app.setup.permissions import grant_erpnext_permissions

	sync_fixtures("dms_app")  # the custom fields first: Frappe imports fixtures after after_install
	set_single_defaults()
	ensure_default_records()
	grant_erpnext_permissions()
	setup_portal_menu()
	fill_locale_gaps()


def fill_locale_gaps(args=None):
	"""What a Chinese dealer's site is left without, filled once and never over an admin's choice
	(also run after the setup wizard, for a site that installs the app first). Frappe ships CNY with
	no symbol, so ¥ while it is empty. Its wizard saves the country's date format into System
	Settings, but the desk's default follows only a changed value, and yyyy-mm-dd (China's) is the
	settings' first option, so the desk kept install's dd-mm-yyyy: the default follows the settings,
	as saving them does."""
	if frappe.db.exists("Currency", "CNY") and not frappe.db.get_value("Currency", "CNY", "symbol"):
		frappe.db.set_value("Currency", "CNY", "symbol", "¥")
	date_format = frappe.db.get_single_value("System Settings", "date_format")
	if date_format and frappe.db.get_default("date_format") != date_format:
		frappe.db.set_default("date_format", date_format)
		clear_defaults_cache()  # set_default leaves the cached defaults as they were during an install
		# and again once committed: a process reading the defaults before (a job in the bench's running
		# worker, while install-app's transaction is open) would have cached the old ones
		frappe.db.after_commit.add(clear_defaults_cache)


def set_single_defaults():
	"""Copy DMS Settings' DocField defaults into the single, once, at install (as ERPNext's and
	hrms's installs do for their settings): Frappe gives every Time field of a new document the
	current time whatever its default, so the single it made holds the install time as workshop
	hours. Later the values are the admin's."""
	settings = frappe.get_single("DMS Settings")
	for df in settings.meta.fields:
		if df.default is not None and df.fieldtype not in table_fields:
			settings.set(df.fieldname, df.default)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


def after_migrate():
	"""Only what the code depends on (migrate has re-synced the custom fields, dms_app/fixtures).
	Records an admin edits were made once, at install; a later version that needs a new one adds it
	in a patch. Then each workflow is checked against what its lifecycle needs: problems are printed,
	never raised, so an admin's edit can't stop a migrate."""
	from dms_app.controllers.lifecycle import check_workflows

	ensure_code_records()
	check_workflows()


def ensure_code_records():
	"""The roles that the code and permissions refer to by name (custom fields are fixtures)."""
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def ensure_default_records():
	"""The app's editable records where missing, then DMS Settings in one save.

	Plain values (hours, limits, thresholds) are DocField defaults of DMS Settings, which Frappe
	stores when it installs the app; here only the Link fields, which point at records made for this
	site, are filled, and only while empty."""
	ensure_code_records()
	settings = frappe.get_single("DMS Settings")
	for group in (*ITEM_GROUPS.values(), "Labour"):
		ensure_item_group(group)
	fill_empty(settings, ITEM_GROUPS)
	if not settings.company:
		settings.company = frappe.defaults.get_global_default("company")
	if settings.company:
		fill_empty(
			settings,
			{field: ensure_warehouse(settings.company, name) for field, name in WAREHOUSES.items()},
		)
	for area_defaults in AREA_DEFAULTS:
		frappe.get_attr(area_defaults)(settings)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


def fill_empty(settings, values: dict) -> None:
	"""Set each of `values` on `settings` where the field is empty; None values are skipped."""
	for field, value in values.items():
		if value is not None and not settings.get(field):
			settings.set(field, value)


def ensure_item_group(name: str) -> None:
	if not frappe.db.exists("Item Group", name):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": name, "parent_item_group": "All Item Groups"}
		).insert(ignore_permissions=True)


def ensure_warehouse(company: str, name: str) -> str:
	abbr = frappe.get_cached_value("Company", company, "abbr")
	full_name = f"{name} - {abbr}"
	if not frappe.db.exists("Warehouse", full_name):
		frappe.get_doc(
			{
				"doctype": "Warehouse",
				"warehouse_name": name,
				"company": company,
				"parent_warehouse": frappe.db.get_value(
					"Warehouse", {"company": company, "is_group": 1, "parent_warehouse": ("in", ("", None))}
				),
			}
		).insert(ignore_permissions=True)
	return full_name
