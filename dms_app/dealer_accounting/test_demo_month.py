"""The demo shows a full month: loaded as `./dms up` loads it, the Dealer Financial Statement of the
current month has figures in every department the demo sells in, and its ratios are filled."""

import random

import frappe
from frappe.utils import getdate, nowdate

from dms_app.dealer_accounting import ledger
from dms_app.dealer_accounting.departments import BODY_SHOP, BY_KEY
from dms_app.dealer_accounting.report.dealer_financial_statement import dealer_financial_statement as report
from dms_app.demo import SEED, accounting, masters, sales, service, service_masters, vehicles, warranty


def test_the_demo_month_has_figures_in_every_department_and_loads_once():
	company = frappe.db.get_single_value("DMS Settings", "company")
	today = getdate(nowdate())
	from_date, to_date = report.period_dates(today.year, today.month)["month"]
	before = ledger.statement(company, from_date, to_date)
	customers = masters.customer_names(random.Random(SEED))
	# the steps of dms_app.demo.load that post the month's business, in its order
	masters.create(random.Random(SEED))
	vehicles.create(random.Random(SEED), customers)
	warranty.create(random.Random(SEED + 11), customers)
	service_masters.create(random.Random(SEED + 4))
	service.create(random.Random(SEED + 5))
	sales.create(random.Random(SEED + 13))
	first = accounting.create(random.Random(SEED + 17), customers)
	assert first == {"parts counter sales": len(accounting.COUNTER_SALES)}
	assert accounting.create(random.Random(SEED + 17), customers) == first  # once

	after = ledger.statement(company, from_date, to_date)
	for key, department in after.departments.items():
		if BY_KEY[key].kind == BODY_SHOP:
			continue  # the app has no body-shop work (docs/accounting.md)
		assert round(department.sales - before.departments[key].sales, 2) > 0, key
	for key in ("new_vehicles", "used_vehicles", "service_warranty", "parts"):
		assert round(after.departments[key].cost_of_sales - before.departments[key].cost_of_sales, 2) > 0, key

	_columns, data, *_rest = report.execute({"company": company, "year": today.year, "month": today.month})
	by_line = {row.get("line"): row for row in data if row}
	for label in (
		"Gross per New Vehicle Retailed (fleet excluded)",
		"Gross per Used Vehicle Retailed (fleet excluded)",
		"F&I per Vehicle Retailed (fleet excluded)",
		"Effective Labour Rate (customer pay)",
	):
		assert by_line[frappe._(label)]["month_gross"], label
	for label in ("Service Absorption %", "Parts Gross %"):
		assert by_line[frappe._(label)]["month_gross_percent"] is not None, label
	for label in ("Service - Customer Pay", "Service - Warranty", "Service - Internal"):
		assert by_line[frappe._(label)]["month_hours"], label
