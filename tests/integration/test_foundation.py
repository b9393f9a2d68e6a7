"""The test site is a real ERPNext site with dms_app installed and its editable defaults in place."""

import random

import frappe
from frappe.utils import getdate, nowdate

from dms_app.demo import masters
from dms_app.setup import defaults
from dms_app.tests import factories


def test_site_runs_erpnext_and_dms_app():
	apps = frappe.get_installed_apps()
	assert apps[:1] == ["frappe"]
	assert {"erpnext", "dms_app"} <= set(apps)
	assert frappe.is_setup_complete()


def test_company_and_fiscal_year_cover_today():
	company = factories.default_company()
	assert frappe.get_cached_value("Company", company, "default_currency") == "USD"
	today = getdate(nowdate())
	assert frappe.db.exists("Fiscal Year", {"year_start_date": ("<=", today), "year_end_date": (">=", today)})


def test_defaults_exist_for_roles():
	for role in defaults.ROLES:
		assert frappe.db.exists("Role", role)


def test_admin_changes_survive_migrate():
	"""after_migrate runs on every `migrate`: it must fill gaps, never overwrite the admin's values."""
	settings = frappe.get_single("DMS Settings")
	custom_yard = factories.make_warehouse("Overflow Lot")
	settings.aged_stock_days = 45
	settings.new_vehicle_warehouse = custom_yard
	settings.save()
	frappe.db.set_value("Role", "Technician", "desk_access", 0)

	hooks = frappe.get_hooks("after_migrate", app_name="dms_app")
	assert hooks
	for hook in hooks:
		frappe.get_attr(hook)()

	settings.reload()
	assert settings.aged_stock_days == 45
	assert settings.new_vehicle_warehouse == custom_yard
	assert frappe.db.get_value("Role", "Technician", "desk_access") == 0


def test_fixtures_are_only_the_apps_own_custom_fields():
	"""Fixtures re-sync on every migrate: only what the code owns (custom fields of dms_app's modules),
	never records an admin edits."""
	import json
	from pathlib import Path

	modules = set(frappe.get_module_list("dms_app"))
	[hook] = frappe.get_hooks("fixtures", app_name="dms_app")
	assert hook["dt"] == "Custom Field" and set(hook["filters"][0][2]) == modules
	folder = Path(frappe.get_app_path("dms_app", "fixtures"))
	assert [f.name for f in folder.glob("*.json")] == ["custom_field.json"]
	for field in json.loads((folder / "custom_field.json").read_text()):
		assert field["module"] in modules, field["name"]
		assert frappe.db.get_value("Custom Field", field["name"], "fieldname") == field["fieldname"]


def test_doctypes_sit_in_the_module_of_their_folder():
	"""Every module of modules.txt has its Module Def, on a migrated site too (Frappe makes them at
	install; patches/v1/planning_and_alerts_modules on migrate), and each doctype is in the module
	whose folder holds it: the module whose code it uses."""
	import json
	from pathlib import Path

	for module in frappe.get_module_list("dms_app"):
		assert frappe.db.get_value("Module Def", module, "app_name") == "dms_app", module
		for path in Path(frappe.get_module_path(module)).glob("doctype/*/*.json"):
			if path.stem == path.parent.name:
				name = json.loads(path.read_text())["name"]
				assert json.loads(path.read_text())["module"] == module, name
				assert frappe.db.get_value("DocType", name, "module") == module, name
	assert frappe.db.get_value("DocType", "Forecast Run", "module") == "Planning"
	assert frappe.db.get_value("DocType", "DMS Alert Log", "module") == "Alerts"


def test_factories_make_linked_erpnext_records():
	company = factories.default_company()
	warehouse = factories.make_warehouse(company=company)
	item = factories.make_item(has_serial_no=1)
	customer = factories.make_customer()
	supplier = factories.make_supplier()
	user = factories.make_user(roles=("Service Advisor",))
	assert frappe.db.get_value("Warehouse", warehouse, "company") == company
	assert frappe.db.get_value("Item", item, "has_serial_no") == 1
	assert frappe.db.exists("Customer", customer)
	assert frappe.db.exists("Supplier", supplier)
	assert "Service Advisor" in frappe.get_roles(user)


def test_each_test_starts_without_the_previous_tests_records():
	assert not frappe.db.exists("Warehouse", {"warehouse_name": "Overflow Lot"})
	assert frappe.db.get_single_value("DMS Settings", "aged_stock_days") != 45


def test_demo_masters_are_deterministic_and_idempotent():
	first = masters.customer_names(random.Random(7))
	assert first == masters.customer_names(random.Random(7))
	summary = masters.create(random.Random(7))
	again = masters.create(random.Random(7))
	assert summary == again
	assert frappe.db.count("Customer", {"customer_name": ("in", first)}) == len(first)
	for _supplier, make in masters.BRANDS:
		assert frappe.db.exists("Customer", f"{make} Warranty")


def test_each_role_has_a_workspace_whose_cards_and_charts_work():
	import json

	from frappe.desk.desktop import get_desktop_page
	from frappe.desk.doctype.number_card.number_card import get_result

	workspaces = {"DMS": [], "Vehicle Sales": ["Sales Consultant"], "Service": ["Technician"]}
	workspaces.update({"OEM Orders and Parts": ["Parts Manager"], "Warranty": ["Warranty Administrator"]})
	for name, roles in workspaces.items():
		workspace = frappe.get_doc("Workspace", name)
		assert workspace.parent_page == ("" if name == "DMS" else "DMS")
		assert set(roles) <= {row.role for row in workspace.roles}
		page = get_desktop_page(json.dumps({"name": name, "title": name, "public": 1}))
		assert page["shortcuts"]["items"] and page["cards"]["items"]
		for card in page["number_cards"]["items"]:
			card = frappe.get_doc("Number Card", card.number_card_name)
			if card.type == "Custom":
				assert frappe.get_attr(card.method)(filters=card.filters_json)["value"] is not None
			else:
				assert get_result(card, "[]") is not None
	factories.receive_vehicles([factories.make_vin()], factories.make_vehicle_trim())
	assert get_result(frappe.get_doc("Number Card", "Vehicles In Stock"), "[]") >= 1


def test_staff_see_the_dms_workspace_and_theirs_under_it():
	"""The desk sidebar nests a role's workspace under DMS, and hides a workspace whose module the
	user reads no doctype of: DMS sits in Vehicles, which every dealer role reads."""
	from frappe.desk.desktop import get_workspace_sidebar_items

	for role, workspace in (("Service Advisor", "Service"), ("Sales Consultant", "Vehicle Sales")):
		frappe.set_user(factories.make_user(roles=(role,)))
		pages = {page.name for page in get_workspace_sidebar_items()["pages"]}
		assert {"DMS", workspace} <= pages, (role, pages)
