"""The dealer chart of accounts layer, per company: created when missing, never overwritten.

For the DMS Settings company (at install, after the setup wizard, and by a patch on sites installed
before it): per department (departments.py) an income account under the company's own income group
(the parent of its default income account), a cost-of-sales account under its cost-of-goods-sold
group (the parent of its default expense account), a cost center under the company's root; the rows
of DMS Settings > Accounting naming them; and Item Group Defaults (income, expense account and
cost centers) for the item groups of each department. Names are in the site's language, so a
Chinese dealer's chart reads in Chinese. The warranty department takes the Warranty Claim Income and
Warranty Parts Expense accounts the Warranty and Repair Orders tabs already name.
"""

import frappe
from frappe import _

from dms_app.dealer_accounting.departments import DEPARTMENTS, SERVICE_WARRANTY


def ensure_defaults(settings):
	"""An area's defaults step (setup.defaults.AREA_DEFAULTS): fills the unsaved DMS Settings."""
	if settings.company and not settings.get("dealer_departments"):
		settings.set("dealer_departments", department_rows(settings.company, settings))
	if settings.company:
		ensure_item_group_defaults(settings.company, settings)


def ensure_for_settings_company(args=None):
	"""After the setup wizard, and for sites installed before the layer (patch): the DMS Settings
	company (else the default company) gets its departments, once."""
	settings = frappe.get_single("DMS Settings")
	company = settings.company or frappe.defaults.get_global_default("company")
	if not company or not frappe.db.exists("Company", company):
		return
	if not settings.get("dealer_departments"):
		settings.set("dealer_departments", department_rows(company, settings))
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
	ensure_item_group_defaults(company, settings)


def department_rows(company: str, settings) -> list[dict]:
	income_parent = parent_group(company, "default_income_account", "Income")
	cost_parent = parent_group(company, "default_expense_account", "Expense")
	rows = []
	for department in DEPARTMENTS:
		income = cost = None
		if department.key == SERVICE_WARRANTY.key:
			income = settings.get("warranty_income_account")
			cost = settings.get("warranty_parts_expense_account")
		rows.append(
			{
				"department": department.label,
				"income_account": income
				or ensure_account(company, department.income_account, income_parent, "Income Account"),
				"cost_of_sales_account": cost
				or ensure_account(
					company, department.cost_of_sales_account, cost_parent, "Cost of Goods Sold"
				),
				"cost_center": ensure_cost_center(company, department.cost_center),
			}
		)
	return rows


def parent_group(company: str, default_field: str, root_type: str) -> str | None:
	"""The group of the company's default income / expense account, whatever its chart."""
	default = frappe.get_cached_value("Company", company, default_field)
	parent = default and frappe.db.get_value("Account", default, "parent_account")
	return parent or frappe.db.get_value(
		"Account", {"company": company, "root_type": root_type, "is_group": 1}, order_by="lft desc"
	)


def translated_names(name: str) -> list[str]:
	return list(dict.fromkeys((_(name), name)))


def ensure_account(company: str, name: str, parent: str | None, account_type: str) -> str | None:
	for account_name in translated_names(name):
		existing = frappe.db.get_value(
			"Account", {"company": company, "account_name": account_name, "is_group": 0}
		)
		if existing:
			return existing
	if not parent:
		return None
	account = frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": _(name),
			"company": company,
			"parent_account": parent,
			"account_type": account_type,
		}
	)
	account.insert(ignore_permissions=True)
	return account.name


def ensure_cost_center(company: str, name: str) -> str | None:
	for center_name in translated_names(name):
		existing = frappe.db.get_value(
			"Cost Center", {"company": company, "cost_center_name": center_name, "is_group": 0}
		)
		if existing:
			return existing
	default = frappe.get_cached_value("Company", company, "cost_center")
	parent = (
		default and frappe.db.get_value("Cost Center", default, "parent_cost_center")
	) or frappe.db.get_value("Cost Center", {"company": company, "is_group": 1}, order_by="lft")
	if not parent:
		return None
	center = frappe.get_doc(
		{
			"doctype": "Cost Center",
			"cost_center_name": _(name),
			"company": company,
			"parent_cost_center": parent,
		}
	)
	center.insert(ignore_permissions=True)
	return center.name


def ensure_item_group_defaults(company: str, settings) -> None:
	"""Item Group Defaults for the company (income account, selling and buying cost center), so a
	plain ERPNext document of a department's items (a parts counter sale) posts its sales there: a
	missing row is added, an existing row's empty fields are filled, an admin's values stay. Not the
	expense account: ERPNext takes it for stock entries too (a Material Receipt would credit the cost
	of sales), so the selling documents' cost of sales is set by dealer_accounting.routing."""
	mapping = {row.department: row for row in settings.get("dealer_departments") or []}
	for department in DEPARTMENTS:
		row = mapping.get(department.label)
		if not row:
			continue
		values = {
			"income_account": _own(row.income_account, company),
			"selling_cost_center": _own(row.cost_center, company, "Cost Center"),
			"buying_cost_center": _own(row.cost_center, company, "Cost Center"),
		}
		for group_ref in department.item_groups:
			group = settings.get(group_ref) if "_" in group_ref else group_ref
			if not group or not frappe.db.exists("Item Group", group):
				continue
			item_group = frappe.get_doc("Item Group", group)
			default = next((d for d in item_group.item_group_defaults if d.company == company), None)
			if not default:
				default = item_group.append("item_group_defaults", {"company": company})
			changed = False
			for field, value in values.items():
				if value and not default.get(field):
					default.set(field, value)
					changed = True
			if changed:
				item_group.flags.ignore_permissions = True
				item_group.save()


def _own(name: str | None, company: str, doctype: str = "Account") -> str | None:
	return name if name and frappe.db.get_value(doctype, name, "company") == company else None
