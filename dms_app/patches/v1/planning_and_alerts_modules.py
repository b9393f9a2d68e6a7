"""The forecasting and alert doctypes moved from module DMS to modules of their own, Planning and
Alerts (modules.txt). Frappe makes an app's Module Defs when the app is installed, not on migrate:
make the missing ones before the doctypes sync into them."""

import frappe


def execute():
	for module in frappe.get_module_list("dms_app"):
		if not frappe.db.exists("Module Def", module):
			frappe.get_doc({"doctype": "Module Def", "module_name": module, "app_name": "dms_app"}).insert(
				ignore_permissions=True
			)
