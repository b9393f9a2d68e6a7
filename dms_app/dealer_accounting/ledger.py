"""The departmental figures, read from the General Ledger (submitted, not cancelled GL entries of
Profit and Loss accounts), so they always add up to ERPNext's Profit and Loss:

- a department's sales = net credits on its income account, its cost of sales = net debits on its
  cost-of-sales account (DMS Settings > Accounting; each posting there carries the department's
  cost center too, docs/accounting.md);
- other income = every other income account; expenses = every other expense account (the
  dealership's overheads and the internal work it pays itself);
- net profit = departments' gross profit + other income - expenses = ERPNext's net profit.

Fixed overhead (service absorption's denominator) is DMS Settings' Dealership Fixed Overhead
Accounts where chosen, else all the expenses above.
"""

import frappe
from frappe.utils import flt, getdate

from dms_app.dealer_accounting.accounts import department_accounts
from dms_app.dealer_accounting.departments import DEPARTMENTS, FIXED_OPERATIONS


def profit_and_loss_balances(company: str, from_date, to_date) -> dict[str, frappe._dict]:
	"""Account → {root_type, balance (debit - credit)} over the period."""
	rows = frappe.db.sql(
		"""select gle.account, acc.root_type, sum(gle.debit) - sum(gle.credit) as balance
		from `tabGL Entry` gle join `tabAccount` acc on acc.name = gle.account
		where gle.company = %s and gle.is_cancelled = 0 and acc.report_type = 'Profit and Loss'
			and gle.posting_date between %s and %s
		group by gle.account, acc.root_type""",
		(company, getdate(from_date), getdate(to_date)),
		as_dict=True,
	)
	return {row.account: row for row in rows}


def statement(company: str, from_date, to_date) -> frappe._dict:
	balances = profit_and_loss_balances(company, from_date, to_date)
	used = set()
	departments = {}
	for department in DEPARTMENTS:
		accounts = department_accounts(company)[department.key]
		sales = cost = 0.0
		if accounts.income_account and accounts.income_account not in used:
			used.add(accounts.income_account)
			sales = -flt(balances.get(accounts.income_account, {}).get("balance"))
		if accounts.cost_of_sales_account and accounts.cost_of_sales_account not in used:
			used.add(accounts.cost_of_sales_account)
			cost = flt(balances.get(accounts.cost_of_sales_account, {}).get("balance"))
		departments[department.key] = frappe._dict(sales=sales, cost_of_sales=cost, gross=sales - cost)
	rest = [row for account, row in balances.items() if account not in used]
	other_income = -sum(flt(row.balance) for row in rest if row.root_type == "Income")
	expenses = sum(flt(row.balance) for row in rest if row.root_type != "Income")
	gross = sum(d.gross for d in departments.values())
	return frappe._dict(
		departments=departments,
		sales=sum(d.sales for d in departments.values()),
		cost_of_sales=sum(d.cost_of_sales for d in departments.values()),
		gross=gross,
		other_income=other_income,
		expenses=expenses,
		net_profit=gross + other_income - expenses,
		fixed_operations_gross=sum(departments[key].gross for key in FIXED_OPERATIONS),
		fixed_overhead=fixed_overhead(company, from_date, to_date, expenses),
	)


def fixed_overhead(company: str, from_date, to_date, expenses: float) -> float:
	chosen = [
		row.account for row in frappe.get_cached_doc("DMS Settings").get("fixed_overhead_accounts") or []
	]
	chosen = [a for a in chosen if frappe.get_cached_value("Account", a, "company") == company]
	if not chosen:
		return expenses
	total = 0.0
	for account in chosen:
		lft, rgt = frappe.get_cached_value("Account", account, ["lft", "rgt"])
		total += flt(
			frappe.db.sql(
				"""select sum(gle.debit) - sum(gle.credit) from `tabGL Entry` gle
				join `tabAccount` acc on acc.name = gle.account
				where acc.lft >= %s and acc.rgt <= %s and gle.company = %s and gle.is_cancelled = 0
				and gle.posting_date between %s and %s""",
				(lft, rgt, company, getdate(from_date), getdate(to_date)),
			)[0][0]
		)
	return total


def hours_sold(company: str, from_date, to_date) -> dict[str, float]:
	"""Flat-rate hours sold per service department: customer-pay labour on repair-order invoices (less
	returns), warranty hours on OEM claim invoices, internal labour booked on completion."""
	params = {"company": company, "from_date": getdate(from_date), "to_date": getdate(to_date)}
	sublet = frappe.db.get_single_value("DMS Settings", "sublet_item") or ""
	params["sublet"] = sublet
	customer = frappe.db.sql(
		"""select sum(sii.qty) from `tabSales Invoice Item` sii
		join `tabSales Invoice` si on si.name = sii.parent
		join `tabItem` item on item.name = sii.item_code
		where si.docstatus = 1 and si.company = %(company)s and ifnull(si.repair_order, '') != ''
			and si.posting_date between %(from_date)s and %(to_date)s
			and item.is_stock_item = 0 and sii.item_code != %(sublet)s""",
		params,
	)[0][0]
	warranty = frappe.db.sql(
		"""select sum(l.warranty_hours) from `tabOEM Warranty Claim Labour` l
		join `tabOEM Warranty Claim` c on c.name = l.parent
		join `tabSales Invoice` si on si.name = c.sales_invoice
		where si.docstatus = 1 and si.company = %(company)s
			and si.posting_date between %(from_date)s and %(to_date)s""",
		params,
	)[0][0]
	internal = frappe.db.sql(
		"""select sum(l.flat_hours) from `tabRepair Order Labour` l
		join `tabRepair Order` ro on ro.name = l.parent
		join `tabJournal Entry` je on je.name = ro.internal_journal_entry
		where je.docstatus = 1 and je.company = %(company)s and l.pay_type = 'Internal' and l.amount != 0
			and je.posting_date between %(from_date)s and %(to_date)s""",
		params,
	)[0][0]
	return {
		"service_customer": flt(customer),
		"service_warranty": flt(warranty),
		"service_internal": flt(internal),
	}
