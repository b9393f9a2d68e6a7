"""Service absorption = (service + parts gross profit) ÷ dealership fixed overhead x 100 %.

From the General Ledger over the period: gross profit = income on the service and parts income
accounts - their cost of sales accounts; fixed overhead = net debits on the fixed overhead accounts.
By default these are the departments' accounts (DMS Settings > Accounting: service, parts and body
shop income and cost of sales) and every other expense, as in the Dealer Financial Statement
(dms_app.dealer_accounting.ledger), which it then agrees with; accounts chosen in DMS Settings'
Service Absorption Accounts replace them (a group account counts with all its children).
Left out: other companies' accounts and cancelled GL entries."""

import frappe
from frappe.utils import flt

from dms_app import kpi
from dms_app.controllers import reports
from dms_app.dealer_accounting import ledger
from dms_app.dealer_accounting.accounts import department_accounts
from dms_app.dealer_accounting.departments import FIXED_OPERATIONS

GROUPS = (
	# settings table field, label, sign (income is credit-positive, costs debit-positive)
	("fixed_operations_income_accounts", "Service and parts income", -1),
	("fixed_operations_cost_accounts", "Service and parts cost of sales", 1),
	("fixed_overhead_accounts", "Fixed overhead", 1),
)


def account_balance(account: str, company: str, from_date, to_date, sign: int) -> float:
	lft, rgt = frappe.get_cached_value("Account", account, ["lft", "rgt"])
	value = frappe.db.sql(
		"""select sum(gle.debit) - sum(gle.credit) from `tabGL Entry` gle
		join `tabAccount` acc on acc.name = gle.account
		where acc.lft >= %s and acc.rgt <= %s and gle.company = %s and gle.is_cancelled = 0
		and gle.posting_date between %s and %s""",
		(lft, rgt, company, from_date, to_date),
	)[0][0]
	return flt(value) * sign


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	settings = frappe.get_single("DMS Settings")
	defaults = default_accounts(company)
	data, totals = [], {}
	for field, label, sign in GROUPS:
		accounts = [row.account for row in settings.get(field) or []] or defaults[field]
		totals[field] = 0.0
		if accounts is None:  # every expense below the departments' gross profit
			totals[field] = ledger.statement(company, from_date, to_date).expenses
			data.append({"group": frappe._(label), "account": None, "amount": totals[field]})
			continue
		for account in accounts:
			if frappe.get_cached_value("Account", account, "company") != company:
				continue
			amount = account_balance(account, company, from_date, to_date, sign)
			totals[field] += amount
			data.append({"group": frappe._(label), "account": account, "amount": amount})
	gross_profit = totals["fixed_operations_income_accounts"] - totals["fixed_operations_cost_accounts"]
	overhead = totals["fixed_overhead_accounts"]
	summary = [
		{"label": frappe._("Service and parts gross profit"), "value": gross_profit, "datatype": "Currency"},
		{"label": frappe._("Fixed overhead"), "value": overhead, "datatype": "Currency"},
		{
			"label": frappe._("Service absorption %"),
			"value": kpi.service_absorption(gross_profit, overhead),
			"datatype": "Percent",
			"indicator": "Green" if gross_profit >= overhead > 0 else "Orange",
		},
	]
	return columns(), data, None, None, summary


def default_accounts(company: str) -> dict[str, list[str] | None]:
	"""The fixed operations departments' accounts; None for the overhead: all other expenses."""
	rows = [department_accounts(company)[key] for key in FIXED_OPERATIONS]
	return {
		"fixed_operations_income_accounts": [r.income_account for r in rows if r.income_account],
		"fixed_operations_cost_accounts": [r.cost_of_sales_account for r in rows if r.cost_of_sales_account],
		"fixed_overhead_accounts": None,
	}


def columns():
	return [
		reports.column("Group", "group", width=220),
		reports.column("Account", "account", "Link", "Account", 260),
		reports.currency("Amount", "amount", 140),
	]
