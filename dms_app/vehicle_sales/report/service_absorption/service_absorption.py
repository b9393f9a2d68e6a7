"""Service absorption = (service + parts gross profit) ÷ dealership fixed overhead x 100 %.

From the General Ledger over the period, with the accounts chosen in DMS Settings (a group account
counts with all its children): gross profit = income on the service and parts income accounts -
their cost of sales accounts; fixed overhead = net debits on the fixed overhead accounts.
Left out: accounts not chosen in DMS Settings, other companies' accounts and cancelled GL entries."""

import frappe
from frappe.utils import flt

from dms_app import kpi
from dms_app.controllers import reports

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


def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	settings = frappe.get_single("DMS Settings")
	data, totals = [], {}
	for field, label, sign in GROUPS:
		accounts = [row.account for row in settings.get(field) or []]
		if not accounts:
			frappe.msgprint(
				frappe._("Choose the {0} accounts in DMS Settings (Vehicle Sales tab)").format(
					frappe._(label)
				)
			)
		totals[field] = 0.0
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


def columns():
	return [
		reports.column("Group", "group", width=220),
		reports.column("Account", "account", "Link", "Account", 260),
		reports.currency("Amount", "amount", 140),
	]
