"""The month-end interest job: one Journal Entry per line and month, vehicle detail, the GL to the cent,
idempotent (re-run and two runs at once), cancel frees the month, only finished months."""

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate

from dms_app.dealer_accounting.accounts import cost_center
from dms_app.floor_plan import monthly_interest as job
from dms_app.floor_plan.interest import month_bounds, previous_month
from dms_app.floor_plan.setup import interest_account
from dms_app.floor_plan.test_floor_plan import cleanup_race
from dms_app.tests import factories
from dms_app.tests import floor_plan as fp


@pytest.fixture(autouse=True)
def last_month():
	"""The month the tests post: last month (the site's today, so set once connected)."""
	global MONTH, START, END, DAYS
	MONTH = previous_month(getdate(nowdate()))
	START, END = month_bounds(MONTH)
	DAYS = (END - START).days + 1


def daily(principal, rate=6):
	return principal * rate / 100 / 365


def backdate(vin, financed_on, free_days=None):
	doc = fp.financing_of(vin)
	values = {"financed_on": financed_on}
	if free_days is not None:
		values["free_days"] = free_days
	doc.db_set(values)
	return doc


@pytest.fixture
def financed():
	"""Three vehicles on one line: financed long before the month (whole month), financed on the 5th
	of the month with 10 free days, and one with a curtailment on the 11th and paid off on the 21st."""
	trim = factories.make_vehicle_trim(list_price=30000)
	line = fp.make_line(credit_limit=200000)
	vins = [factories.make_vin() for _ in range(3)]
	fp.receive_financed(vins, trim, line, rate=25000.55)
	whole = backdate(vins[0], add_days(START, -60))
	late = backdate(vins[1], add_days(START, 4), free_days=10)
	paid = backdate(vins[2], add_days(START, -60))
	fp.pay_off(paid.name, 5000, posting_date=add_days(START, 10))
	fp.pay_off(paid.name, posting_date=add_days(START, 20))
	return frappe._dict(line=line, vins=vins, whole=whole, late=late, paid=paid)


def expected(f):
	whole = round(daily(25000.55) * DAYS, 2)
	late = round(daily(25000.55) * (DAYS - 14), 2)  # 5th + 10 free days: from the 15th
	paid = round(daily(25000.55) * 10 + daily(20000.55) * 10, 2)  # 1st-10th, then 11th-20th
	return {f.vins[0]: whole, f.vins[1]: late, f.vins[2]: paid}


def test_one_entry_per_line_and_month_with_the_gl_to_the_cent(financed):
	f = financed
	company = factories.default_company()
	name = job.post_month(f.line, MONTH)
	record = frappe.get_doc("Floor Plan Interest", name)
	want = expected(f)
	assert {row.vin: row.interest for row in record.vehicles} == want
	assert record.total_interest == round(sum(want.values()), 2)
	assert (record.status, getdate(record.month), record.lender) == ("Posted", START, "Test Floor Plan Bank")
	late_row = next(r for r in record.vehicles if r.vin == f.vins[1])
	assert (late_row.interest_days, late_row.average_principal) == (DAYS - 14, 25000.55)

	journal = frappe.get_doc("Journal Entry", record.journal_entry)
	assert (journal.docstatus, getdate(journal.posting_date)) == (1, END)
	expense = interest_account(company)
	new_vehicles = cost_center(company, "new_vehicles")
	for vin, amount in want.items():
		[row] = [r for r in journal.accounts if r.user_remark and vin in r.user_remark]
		assert (row.account, row.debit, row.cost_center) == (expense, amount, new_vehicles)
	total = round(sum(want.values()), 2)
	assert fp.gl(expense, voucher_no=journal.name) == total
	payable = frappe.get_cached_value("Company", company, "default_payable_account")
	assert fp.gl(payable, voucher_no=journal.name) == -total
	lender_gl = frappe.get_all(
		"GL Entry",
		filters={"voucher_no": journal.name, "party": "Test Floor Plan Bank", "is_cancelled": 0},
		fields=["sum(credit) as cr"],
	)[0]
	assert round(lender_gl.cr, 2) == total
	cc_gl = frappe.get_all(
		"GL Entry",
		filters={"voucher_no": journal.name, "account": expense, "is_cancelled": 0},
		pluck="cost_center",
		distinct=True,
	)
	assert cc_gl == [new_vehicles]
	# interest is never principal: the loan and the financings are untouched
	assert fp.gl(fp.loan_account(), voucher_no=journal.name) == 0
	f.whole.reload()
	assert (f.whole.outstanding_principal, f.whole.status) == (25000.55, "Financed")


def test_rerun_posts_nothing_more_and_cancel_frees_the_month(financed):
	f = financed
	first = job.post_month(f.line, MONTH)
	with pytest.raises(job.AlreadyPosted):
		job.post_month(f.line, MONTH)
	assert job.post_all(MONTH)[f.line] == "already posted"
	assert frappe.db.count("Floor Plan Interest", {"floor_plan_line": f.line}) == 1
	expense = interest_account(factories.default_company())
	total = round(sum(expected(f).values()), 2)
	journal = frappe.get_doc(
		"Journal Entry", frappe.db.get_value("Floor Plan Interest", first, "journal_entry")
	)
	journal.cancel()
	assert frappe.db.get_value("Floor Plan Interest", first, ["status", "period_key"]) == ("Cancelled", None)
	second = job.post_all(MONTH)[f.line]
	assert second != first and frappe.db.get_value("Floor Plan Interest", second, "status") == "Posted"
	vouchers = frappe.get_all("Floor Plan Interest", {"floor_plan_line": f.line}, pluck="journal_entry")
	net = sum(fp.gl(expense, voucher_no=v) for v in vouchers)
	assert round(net, 2) == total


def test_only_a_finished_month_and_nothing_when_no_interest(financed):
	with pytest.raises(frappe.ValidationError, match="once the month is over"):
		job.post_month(financed.line, getdate(nowdate()))
	empty_line = fp.make_line()
	assert job.post_month(empty_line, MONTH) is None
	assert job.post_all(MONTH)[empty_line] == "nothing to post"
	# the scheduler entry posts last month (runs now in tests)
	job.schedule_interest()
	assert frappe.db.exists("Floor Plan Interest", {"floor_plan_line": financed.line, "status": "Posted"})


def test_two_runs_at_once_post_one_entry(frappe_site):
	"""Two real connections post the same line and month at the same moment."""
	trim = factories.make_vehicle_trim()
	vin = factories.make_vin()
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "trim": trim}).insert()
	line = fp.make_line()
	invoice = frappe.get_doc(
		{
			"doctype": "Purchase Invoice",
			"supplier": factories.make_supplier("Test OEM Distributor"),
			"company": factories.default_company(),
			"bill_no": vin,
			"posting_date": add_days(START, -40),
			"set_posting_time": 1,
			"items": [
				{
					"item_code": frappe.db.get_value("Vehicle Trim", trim, "item"),
					"qty": 1,
					"rate": 25000,
					"serial_no": vin,
				}
			],
		}
	).insert()
	invoice.submit()
	financing = frappe.get_doc(
		{
			"doctype": "Floor Plan Financing",
			"floor_plan_line": line,
			"vin": vin,
			"purchase_invoice": invoice.name,
			"principal": 25000,
			"financed_on": add_days(START, -40),
		}
	).insert()
	financing.submit()
	frappe.db.commit()

	def post(ready):
		ready()
		return job.post_month(line, MONTH)

	try:
		(_winner, name), (_loser, error) = factories.race(frappe_site, {1: post, 2: post})
		assert isinstance(error, job.AlreadyPosted), getattr(error, "trace", error)
		assert frappe.db.get_all("Floor Plan Interest", {"floor_plan_line": line}, pluck="name") == [name]
		journal = frappe.db.get_value("Floor Plan Interest", name, "journal_entry")
		assert fp.gl(interest_account(factories.default_company()), voucher_no=journal) == round(
			daily(25000) * DAYS, 2
		)
	finally:
		frappe.db.rollback()
		journals = frappe.get_all("Floor Plan Interest", {"floor_plan_line": line}, pluck="journal_entry")
		frappe.db.delete("Floor Plan Interest Vehicle", {"vin": vin})
		frappe.db.delete("Floor Plan Interest", {"floor_plan_line": line})
		for journal in filter(None, journals):
			frappe.db.delete("GL Entry", {"voucher_no": journal})
			frappe.db.delete("Payment Ledger Entry", {"voucher_no": journal})
			frappe.db.delete("Journal Entry Account", {"parent": journal})
			frappe.db.delete("Journal Entry", {"name": journal})
		frappe.db.commit()
		cleanup_race(vin, invoice.name, [line], trim)
