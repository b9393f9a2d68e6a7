"""Which accounts and cost center a department posts to in a company: DMS Settings > Accounting
(one row per department, made at install), read the same way by the postings and the reports.

The rows name the DMS Settings company's accounts. For another company the account and cost center
of the same name in that company are used (as warranty.accounting.settings_account does); a
department without them there posts as ERPNext would by itself."""

import frappe

from dms_app.dealer_accounting.departments import BY_LABEL, DEPARTMENTS

FIELDS = ("income_account", "cost_of_sales_account", "cost_center")


def department_accounts(company: str) -> dict[str, frappe._dict]:
	"""Department key → {income_account, cost_of_sales_account, cost_center} in `company`."""
	settings = frappe.get_cached_doc("DMS Settings")
	result = {department.key: frappe._dict() for department in DEPARTMENTS}
	for row in settings.get("dealer_departments") or []:
		department = BY_LABEL.get(row.department)
		if not department:
			continue
		result[department.key] = frappe._dict(
			income_account=_in_company("Account", row.income_account, company),
			cost_of_sales_account=_in_company("Account", row.cost_of_sales_account, company),
			cost_center=_in_company("Cost Center", row.cost_center, company),
		)
	return result


def _in_company(doctype: str, name: str | None, company: str) -> str | None:
	if not name:
		return None
	values = frappe.get_cached_value(
		doctype, name, ["company", "account_name" if doctype == "Account" else "cost_center_name"]
	)
	if not values:
		return None
	owner, plain_name = values
	if owner == company:
		return name
	name_field = "account_name" if doctype == "Account" else "cost_center_name"
	return frappe.db.get_value(doctype, {name_field: plain_name, "company": company, "is_group": 0})


def department(company: str, key: str) -> frappe._dict:
	return department_accounts(company).get(key) or frappe._dict()


def cost_center(company: str, key: str) -> str:
	"""The department's cost center, else the company's default one."""
	return department(company, key).cost_center or frappe.get_cached_value("Company", company, "cost_center")
