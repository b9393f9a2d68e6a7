"""Acceptance (issue 24): a month of the dealer's business lands in its departments, and the Dealer
Financial Statement agrees with the General Ledger and ERPNext's Profit and Loss to the cent."""

import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.model.workflow import apply_workflow
from frappe.utils import flt, getdate, nowdate

from dms_app.dealer_accounting import ledger
from dms_app.dealer_accounting.accounts import department_accounts
from dms_app.dealer_accounting.departments import DEPARTMENTS
from dms_app.dealer_accounting.report.dealer_financial_statement import dealer_financial_statement as report
from dms_app.service import parts as service_parts
from dms_app.service.repair_orders import complete
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt
from dms_app.tests import vehicle_sales as tu
from dms_app.tests import warranty as wt
from dms_app.vehicle_sales import deal as deal_logic
from dms_app.vehicle_sales import gross as per_vehicle


def period():
	today = getdate(nowdate())
	return report.period_dates(today.year, today.month)["month"]


def department_gl(company, from_date, to_date) -> dict[str, tuple[float, float]]:
	"""Per department: net credit on its income account and net debit on its cost-of-sales account,
	counting only entries with the department's cost center."""
	result = {}
	for key, row in department_accounts(company).items():
		values = []
		for account, sign in ((row.income_account, -1), (row.cost_of_sales_account, 1)):
			value = frappe.db.sql(
				"""select sum(debit) - sum(credit) from `tabGL Entry` where company = %s and account = %s
				and cost_center = %s and is_cancelled = 0 and posting_date between %s and %s""",
				(company, account, row.cost_center, from_date, to_date),
			)[0][0]
			values.append(sign * flt(value))
		result[key] = tuple(values)
	return result


def sell_new_vehicle_with_fi_fee_and_trade_in():
	customer = factories.make_customer()
	vin = tu.stock_vehicle(rate=25000)
	appraisal = tu.make_appraisal(customer, value=9000)
	product = factories.make_item(
		item_name="Extended warranty 3y", item_group="F&I Products", is_stock_item=0
	)
	deal = tu.make_deal(
		customer,
		vin,
		vehicle_price=32000,
		discount_amount=500,
		items=[
			{"line_type": "F&I Product", "item_code": product, "qty": 1, "rate": 900},
			{"line_type": "Fee", "item_code": "DMS-DOC-FEE", "qty": 1, "rate": 150},
		],
		trade_in=appraisal.name,
	)
	deal = apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Approve")
	deal_logic.make_quotation(deal.name).submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	note = make_delivery_note(order.name)
	note.insert()
	note.submit()
	return frappe.get_doc("Trade-in Appraisal", appraisal.name).vin, [invoice.name, note.name]


def sell_used_vehicle(vin):
	order = factories.make_sales_order(factories.make_customer(), vin, rate=12500)
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	note = make_delivery_note(order.name)
	note.insert()
	note.submit()
	return [invoice.name, note.name]


def repair_orders():
	mixed = rt.make_mixed_order()
	apply_workflow(mixed.doc, "Start Work")
	service_parts.issue(mixed.doc.name)
	doc = complete(mixed.doc.name)
	return doc


def parts_counter_sale():
	part = rt.make_part(qty=4, rate=30, selling=50)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": factories.make_customer(),
			"company": factories.default_company(),
			"update_stock": 1,
			"items": [
				{
					"item_code": part,
					"qty": 2,
					"rate": 50,
					"warehouse": frappe.db.get_single_value("DMS Settings", "parts_warehouse"),
				}
			],
		}
	).insert()
	invoice.submit()
	return invoice


def warranty_claim_credit():
	wt.make_warranty_make()
	claim = wt.make_claim(wt.make_customer_vehicle(), submit=True)
	wt.respond(claim, "Partially Accept", accepted_amount=300, rejection_reason="EXH")
	wt.respond(claim, "Record Credit", credit_reference="OEM-CN-24")
	return claim


@pytest.fixture(scope="module")
def month(module_transaction):
	"""A month of business, built once for the module: each test rolls back to it (conftest.py)."""
	frappe.db.set_single_value(
		"DMS Settings",
		{"require_pdi_before_delivery": 0, "max_discount_percent": 5, "max_discount_amount": 0},
	)
	company = factories.default_company()
	from_date, to_date = period()
	before = ledger.statement(company, from_date, to_date)
	retail_before = per_vehicle.totals(per_vehicle.retailed(company, from_date, to_date))
	gl_before = department_gl(company, from_date, to_date)
	used_vin, vehicle_vouchers = sell_new_vehicle_with_fi_fee_and_trade_in()
	vehicle_vouchers += sell_used_vehicle(used_vin)
	order = repair_orders()
	counter = parts_counter_sale()
	claim = warranty_claim_credit()
	module_transaction.keep()
	return frappe._dict(
		company=company,
		from_date=from_date,
		to_date=to_date,
		before=before,
		retail_before=retail_before,
		gl_before=gl_before,
		vehicle_vouchers=vehicle_vouchers,
		order=order,
		counter=counter,
		claim=claim,
	)


def test_each_department_gets_its_own_sales_and_cost_of_sales(month):
	after = ledger.statement(month.company, month.from_date, month.to_date)

	def delta(key):
		a, b = after.departments[key], month.before.departments[key]
		return round(a.sales - b.sales, 2), round(a.cost_of_sales - b.cost_of_sales, 2)

	assert delta("new_vehicles") == (31500, 25000)
	assert delta("used_vehicles") == (12500, 9000)  # the trade-in, stocked at its appraised value
	assert delta("fi") == (1050, 0)  # the F&I product and the documentation fee
	# customer pay: 1.5 h x 120 labour + the 50 sublet; internal: 1 h x 100
	assert delta("service_customer")[0] == 230
	assert delta("service_internal") == (100, 0)
	# warranty: the claim to the OEM (450 by default terms) and the warranty part used (1 x 40)
	assert delta("service_warranty") == (month.claim.claimed_amount, 40)
	# parts: 2 x 35 on the repair order + 2 x 50 at the counter, at cost 2 x 20 + 2 x 30
	assert delta("parts") == (170, 100)


def test_department_figures_equal_the_gl_of_their_accounts_and_cost_center(month):
	statement = ledger.statement(month.company, month.from_date, month.to_date)
	gl = department_gl(month.company, month.from_date, month.to_date)
	for department in DEPARTMENTS:
		d = statement.departments[department.key]
		assert (round(d.sales, 2), round(d.cost_of_sales, 2)) == tuple(
			round(v, 2) for v in gl[department.key]
		), department.key


def test_report_totals_equal_erpnext_profit_and_loss(month):
	from erpnext.accounts.report.profit_and_loss_statement import profit_and_loss_statement as pnl

	fiscal_year = frappe.get_cached_doc(
		"Fiscal Year",
		frappe.db.get_value(
			"Fiscal Year", {"year_start_date": ("<=", month.from_date)}, order_by="year_start_date desc"
		),
	)
	filters = frappe._dict(
		company=month.company,
		filter_based_on="Date Range",
		period_start_date=str(month.from_date),
		period_end_date=str(month.to_date),
		from_fiscal_year=fiscal_year.name,
		to_fiscal_year=fiscal_year.name,
		periodicity="Yearly",
		presentation_currency=frappe.get_cached_value("Company", month.company, "default_currency"),
		accumulated_values=0,
	)
	columns, data, *_ = pnl.execute(filters)
	key = columns[2]["fieldname"] if len(columns) > 2 else None
	rows = {row.get("account"): row for row in data if row}
	income = next(
		r for r in data if r and r.get("account_name") == "'" + frappe._("Total Income (Credit)") + "'"
	)
	expense = next(
		r for r in data if r and r.get("account_name") == "'" + frappe._("Total Expense (Debit)") + "'"
	)
	net = next(r for r in data if r and r.get("account_name") == "'" + frappe._("Profit for the year") + "'")
	assert rows and key

	columns, report_rows, *_ = report.execute(
		{"company": month.company, "year": month.from_date.year, "month": month.from_date.month}
	)
	by_line = {row.get("line"): row for row in report_rows if row}
	total = by_line[frappe._("Total Gross Profit")]
	other = by_line[frappe._("Other Income")]
	expenses = by_line[frappe._("Expenses")]
	assert round(total["month_sales"] + other["month_sales"], 2) == round(flt(income["total"]), 2)
	assert round(total["month_cost_of_sales"] - expenses["month_gross"], 2) == round(flt(expense["total"]), 2)
	assert round(by_line[frappe._("Net Profit")]["month_gross"], 2) == round(flt(net["total"]), 2)


def test_nothing_the_app_posts_lands_in_the_default_sales_account_or_without_a_department(month):
	company = month.company
	default_income = frappe.get_cached_value("Company", company, "default_income_account")
	centers = {row.cost_center for row in department_accounts(company).values()}
	vouchers = [
		*month.vehicle_vouchers,
		month.order.sales_invoice,
		month.order.consumption_stock_entry,
		month.order.internal_journal_entry,
		month.counter.name,
		month.claim.sales_invoice,
		month.claim.payment_entry,
		month.claim.write_off_entry,
	]
	entries = frappe.db.sql(
		"""select gle.voucher_no, gle.account, gle.cost_center, acc.root_type from `tabGL Entry` gle
		join `tabAccount` acc on acc.name = gle.account
		where gle.voucher_no in %s and gle.is_cancelled = 0 and acc.report_type = 'Profit and Loss'
			and acc.name != %s""",
		([v for v in vouchers if v], frappe.get_cached_value("Company", company, "round_off_account")),
		as_dict=True,
	)
	assert entries
	assert not [e for e in entries if e.account == default_income]
	assert not [e for e in entries if e.cost_center not in centers], [
		e for e in entries if e.cost_center not in centers
	]


def test_the_report_shows_units_hours_and_ratios(month):
	_columns, data, _message, _chart, summary = report.execute(
		{"company": month.company, "year": month.from_date.year, "month": month.from_date.month}
	)
	by_line = {row.get("line"): row for row in data if row}
	assert by_line[frappe._("New Vehicles")]["month_units"] >= 1
	assert by_line[frappe._("Service - Customer Pay")]["month_hours"] >= 1.5
	assert by_line[frappe._("Service - Warranty")]["month_hours"] >= 1.5
	assert by_line[frappe._("Parts Gross %")]["month_gross_percent"] is not None
	assert [s["label"] for s in summary]


def test_a_bad_month_is_refused():
	with pytest.raises(frappe.ValidationError):
		report.execute({"year": 2026, "month": 13})


def test_service_absorption_reads_the_department_accounts_by_default_and_agrees(month):
	from dms_app.vehicle_sales.report.service_absorption import service_absorption

	settings = frappe.get_single("DMS Settings")
	for field in (
		"fixed_operations_income_accounts",
		"fixed_operations_cost_accounts",
		"fixed_overhead_accounts",
	):
		settings.set(field, [])
	settings.save()
	filters = {"company": month.company, "from_date": month.from_date, "to_date": month.to_date}
	*_, summary = service_absorption.execute(filters)
	absorption = next(s["value"] for s in summary if s["label"] == frappe._("Service absorption %"))
	statement = report.figures_for(month.company, month.from_date, month.to_date)
	assert absorption == statement.ratios["absorption"]
	gross = next(s["value"] for s in summary if s["label"] == frappe._("Service and parts gross profit"))
	assert round(gross, 2) == round(statement.fixed_operations_gross, 2)


def test_gross_per_vehicle_is_the_per_vehicle_reports_and_leaves_fleet_out(month):
	from dms_app.vehicle_sales.report.gross_per_vehicle_retailed import gross_per_vehicle_retailed

	# the month's retail vehicle and F&I gross are the departments' gross in the GL
	retail = per_vehicle.totals(per_vehicle.retailed(month.company, month.from_date, month.to_date))
	statement = ledger.statement(month.company, month.from_date, month.to_date)
	for key, field in (
		("new_vehicles", "new_vehicle_gross"),
		("used_vehicles", "used_vehicle_gross"),
		("fi", "fi_gross"),
	):
		department = statement.departments[key].gross - month.before.departments[key].gross
		assert round(retail[field] - month.retail_before[field], 2) == round(department, 2), key
	assert round(retail.new_vehicle_gross - month.retail_before.new_vehicle_gross, 2) == 31500 - 25000
	assert round(retail.used_vehicle_gross - month.retail_before.used_vehicle_gross, 2) == 12500 - 9000
	assert round(retail.fi_gross - month.retail_before.fi_gross, 2) == 1050

	# a fleet sale: a New Vehicles unit on the statement, no retail unit in its ratios
	frappe.db.set_single_value("DMS Settings", "fleet_customer_group", "Commercial")
	fleet = factories.make_customer(customer_group="Commercial", customer_type="Company")
	order = factories.make_sales_order(fleet, tu.stock_vehicle(rate=20000), rate=21000)
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	filters = {"company": month.company, "year": month.from_date.year, "month": month.from_date.month}
	_columns, data, *_rest = report.execute(filters)
	by_line = {row.get("line"): row for row in data if row}
	*_rest, summary = gross_per_vehicle_retailed.execute(
		{"company": month.company, "from_date": month.from_date, "to_date": month.to_date}
	)
	values = {s["label"]: s["value"] for s in summary}
	for line, label in (
		("Gross per New Vehicle Retailed (fleet excluded)", "Gross per new vehicle"),
		("Gross per Used Vehicle Retailed (fleet excluded)", "Gross per used vehicle"),
		("F&I per Vehicle Retailed (fleet excluded)", "F&I per vehicle"),
	):
		assert values[frappe._(label)] is not None
		assert by_line[frappe._(line)]["month_gross"] == values[frappe._(label)], line
	fi_line = by_line[frappe._("F&I per Vehicle Retailed (fleet excluded)")]
	assert fi_line["month_units"] == values[frappe._("Retail units")]
	rows = per_vehicle.retailed(month.company, month.from_date, month.to_date)
	fleet_new = sum(1 for r in rows if r["fleet"] and r["stock_type"] != "Used")
	assert fleet_new >= 1
	new_ratio = by_line[frappe._("Gross per New Vehicle Retailed (fleet excluded)")]
	assert by_line[frappe._("New Vehicles")]["month_units"] == new_ratio["month_units"] + fleet_new
