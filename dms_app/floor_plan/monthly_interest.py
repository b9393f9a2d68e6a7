"""Posting floor-plan interest: once a month, per lender line, ONE Journal Entry for the month before.

Per line and month the job computes each financed vehicle's interest (`interest.accrue`: the principal
outstanding day by day, payoffs and curtailments from their date, free days, the rate as at
financing, actual/365, rounded to the cent per vehicle) and posts:

- Dr Floor Plan Interest (an indirect expense, `setup.interest_account`), one row per vehicle, with the
  vehicle department's cost center (New or Used Vehicles, by the vehicle's stock type), so it lands in
  that department's statement; the row's remark names the VIN;
- Cr the lender: the company's payable account with the lender as Supplier party, against which the
  lender's monthly interest statement is paid (a Payment Entry) like any supplier bill. The loan
  account is left alone: interest is never principal.

A **Floor Plan Interest** record per line and month keeps the vehicle-level detail and the Journal
Entry. Never the same month twice: its `period_key` (line|YYYY-MM) is unique, and it is claimed with
the line row locked (SELECT … FOR UPDATE) and a locking read of the key, so a re-run or two runs at
once post nothing more. Cancelling the Journal Entry marks the record Cancelled and clears the key:
the month can be posted again.
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from dms_app.dealer_accounting.accounts import cost_center
from dms_app.dealer_accounting.departments import stock_type_department
from dms_app.floor_plan import interest
from dms_app.floor_plan.setup import interest_account

DOCTYPE = "Floor Plan Interest"


class AlreadyPosted(frappe.ValidationError):
	pass


def schedule_interest():
	"""Scheduler entry (monthly, on the 1st): last month's interest of every line, on the long queue."""
	frappe.enqueue(
		"dms_app.floor_plan.monthly_interest.post_all",
		queue="long",
		job_id="dms-floor-plan-interest",
		deduplicate=not frappe.flags.in_test,
		now=frappe.flags.in_test,
	)


def post_all(month=None) -> dict[str, str]:
	"""Post `month` (default: last month) for every enabled line; returns {line: record or why not}."""
	month = getdate(month) if month else interest.previous_month(getdate(nowdate()))
	outcome = {}
	for line in frappe.get_all("Floor Plan Line", filters={"disabled": 0}, pluck="name", order_by="name"):
		frappe.db.savepoint("floor_plan_interest")
		try:
			outcome[line] = post_month(line, month) or "nothing to post"
		except AlreadyPosted:
			frappe.db.rollback(save_point="floor_plan_interest")
			outcome[line] = "already posted"
		except Exception:
			frappe.db.rollback(save_point="floor_plan_interest")
			frappe.log_error(title=_("Floor-plan interest failed: {0}").format(line))
			outcome[line] = "failed: see Error Log"
		if not frappe.flags.in_test:
			frappe.db.commit()
	return outcome


def period_key(line: str, month) -> str:
	return f"{line}|{getdate(month):%Y-%m}"


def post_month(line: str, month) -> str | None:
	"""Post the line's interest of `month` (a finished month); the Floor Plan Interest record's name,
	or None when no vehicle bore interest. Raises AlreadyPosted when the month is posted."""
	start, end = interest.month_bounds(getdate(month))
	if end >= getdate(nowdate()):
		frappe.throw(_("The interest of {0} can be posted once the month is over").format(f"{start:%Y-%m}"))
	frappe.db.sql("select name from `tabFloor Plan Line` where name = %s for update", line)
	key = period_key(line, start)
	posted = frappe.db.sql(f"select name from `tab{DOCTYPE}` where period_key = %s for update", key)
	if posted:
		raise AlreadyPosted(
			_("The floor-plan interest of {0} for {1} is already posted ({2})").format(
				line, f"{start:%Y-%m}", posted[0][0]
			)
		)
	rows = vehicle_interest(line, start, end)
	if not rows:
		return None
	doc = frappe.get_cached_doc("Floor Plan Line", line)
	record = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"floor_plan_line": line,
			"lender": doc.lender,
			"company": doc.company,
			"month": start,
			"period_key": key,
			"status": "Posted",
			"total_interest": round(sum(r["interest"] for r in rows), 2),
			"vehicles": rows,
		}
	)
	record.insert(ignore_permissions=True)  # claims the month (unique key) before anything posts
	journal = interest_entry(record, end)
	record.db_set("journal_entry", journal.name)
	return record.name


def vehicle_interest(line: str, start, end) -> list[dict]:
	"""One row per financed vehicle of the line that bore interest between start and end."""
	financings = frappe.get_all(
		"Floor Plan Financing",
		filters={"floor_plan_line": line, "docstatus": 1, "financed_on": ("<=", end)},
		fields=[
			"name",
			"vin",
			"company",
			"principal",
			"financed_on",
			"free_days",
			"interest_rate",
			"paid_off_on",
			"loan_account",
		],
		order_by="financed_on, name",
	)
	financings = [f for f in financings if not f.paid_off_on or getdate(f.paid_off_on) > start]
	if not financings:
		return []
	payments = {}
	for financing, on, amount in frappe.db.sql(
		"""select je.floor_plan_financing, je.posting_date, sum(jea.debit - jea.credit)
		from `tabJournal Entry Account` jea
		join `tabJournal Entry` je on je.name = jea.parent
		join `tabFloor Plan Financing` f on f.name = je.floor_plan_financing and f.loan_account = jea.account
		where je.docstatus = 1 and je.floor_plan_financing in %s
		group by je.floor_plan_financing, je.posting_date""",
		([f.name for f in financings],),
	):
		payments.setdefault(financing, []).append((getdate(on), flt(amount)))
	stock_types = dict(
		frappe.get_all(
			"Motor Vehicle",
			filters={"name": ("in", [f.vin for f in financings])},
			fields=["name", "stock_type"],
			as_list=True,
		)
	)
	rows = []
	for f in financings:
		accrual = interest.accrue(
			flt(f.principal),
			payments.get(f.name, []),
			getdate(f.financed_on),
			f.free_days,
			flt(f.interest_rate),
			start,
			end,
		)
		if accrual.interest <= 0:
			continue
		rows.append(
			{
				"floor_plan_financing": f.name,
				"vin": f.vin,
				"cost_center": cost_center(f.company, stock_type_department(stock_types.get(f.vin))),
				"interest_rate": f.interest_rate,
				"interest_days": accrual.days,
				"average_principal": accrual.average_principal,
				"interest": accrual.interest,
			}
		)
	return rows


def interest_entry(record, posting_date):
	"""The month's Journal Entry: a debit per vehicle on the interest account, the lender credited."""
	from erpnext.accounts.party import get_party_account

	expense = interest_account(record.company)
	if not expense:
		frappe.throw(
			_("Company {0} has no expense account group for floor-plan interest").format(record.company)
		)
	journal = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": record.company,
			"posting_date": posting_date,
			"user_remark": _("Floor-plan interest {0}: {1}, {2}").format(
				record.name, record.lender, f"{getdate(record.month):%Y-%m}"
			),
			"accounts": [
				*(
					{
						"account": expense,
						"cost_center": row.cost_center,
						"debit_in_account_currency": row.interest,
						"user_remark": _("Vehicle {0}: {1} days at {2} % on {3}").format(
							row.vin, row.interest_days, row.interest_rate, row.average_principal
						),
					}
					for row in record.vehicles
				),
				{
					"account": get_party_account("Supplier", record.lender, record.company),
					"party_type": "Supplier",
					"party": record.lender,
					"credit_in_account_currency": record.total_interest,
				},
			],
		}
	)
	journal.flags.ignore_permissions = True
	journal.insert()
	journal.submit()
	return journal


def on_cancel_journal_entry(journal, method=None):
	"""The month's Journal Entry cancelled: its record is Cancelled and the month free to post again."""
	frappe.db.set_value(
		DOCTYPE,
		{"journal_entry": journal.name, "status": "Posted"},
		{"status": "Cancelled", "period_key": None},
	)


def posted_interest(vins: list[str]) -> dict[str, float]:
	"""Interest posted per VIN (every month, records not cancelled): for the vehicle gross."""
	if not vins:
		return {}
	return {
		vin: flt(amount)
		for vin, amount in frappe.db.sql(
			f"""select v.vin, sum(v.interest) from `tab{DOCTYPE} Vehicle` v
			join `tab{DOCTYPE}` i on i.name = v.parent
			where i.status = 'Posted' and v.vin in %s group by v.vin""",
			(vins,),
		)
	}
