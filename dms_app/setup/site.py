"""Site preparation called by the `dms` operations script through Frappe's `execute` command."""

import frappe
from frappe.utils import getdate, nowdate

# The companies ERPNext's setup wizard is run with: the demo dealer, a Chinese dealer on which the
# tests install dms_app as on an ERPNext site someone else set up, and the Chinese demo dealer
# (DMS_DEMO_LOCALE=zh), which keeps its books in ERPNext's Chinese chart of accounts.
PROFILES = {
	"us": {
		"company_name": "Northwind Motors",
		"company_abbr": "NWM",
		"country": "United States",
		"currency": "USD",
		"timezone": "America/New_York",
		"chart_of_accounts": "Standard",
	},
	"cn": {
		"company_name": "Shanghai Pudong Motors",
		"company_abbr": "SPM",
		"country": "China",
		"currency": "CNY",
		"timezone": "Asia/Shanghai",
		"chart_of_accounts": "Standard",
	},
	"zh-demo": {
		"company_name": "上海浦江汽车销售服务有限公司",
		"company_abbr": "PJM",
		"country": "China",
		"currency": "CNY",
		"timezone": "Asia/Shanghai",
		"chart_of_accounts": "Standard",  # replaced by the Chinese chart after the wizard
	},
}


def complete_setup_wizard(profile: str = "us"):
	"""Run ERPNext's setup wizard non-interactively: company, currency, fiscal year, chart of accounts."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if frappe.is_setup_complete():
		return
	year = getdate(nowdate()).year
	result = setup_complete(
		{
			**PROFILES[profile],
			"language": "English",
			"full_name": "DMS Administrator",
			"email": "admin@northwind-motors.example",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"setup_demo": 0,
		}
	)
	if result.get("status") != "ok" or not frappe.is_setup_complete():
		frappe.throw(f"ERPNext's setup wizard failed: {result}")
	if profile == "zh-demo":
		from dms_app.setup.china_chart import use_china_chart

		use_china_chart(PROFILES[profile]["company_name"])


def ensure_fiscal_years():
	"""Keep a demo or test site usable whatever today's date: last, this and next year exist."""
	companies = frappe.get_all("Company", pluck="name")
	today = getdate(nowdate())
	for year in (today.year - 1, today.year, today.year + 1):
		name = str(year)
		if frappe.db.exists("Fiscal Year", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": name,
				"year_start_date": f"{year}-01-01",
				"year_end_date": f"{year}-12-31",
				"companies": [{"company": c} for c in companies],
			}
		).insert(ignore_permissions=True)


def install_dms_app():
	"""Idempotent: dms_app installed (its after_install creates the defaults), fiscal years around
	today."""
	from frappe.installer import install_app

	if "dms_app" not in frappe.get_installed_apps():
		install_app("dms_app")
	ensure_fiscal_years()
