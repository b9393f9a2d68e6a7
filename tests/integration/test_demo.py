"""The demo (dms_app/demo/), loaded once for the module as `./dms up` loads it: the whole of it, with its
own seed, in one transaction (`demo.create`, what `demo.load` commits), rolled back when the module is
done. Each test checks its feature's part of that one demo; the last loads it a second time and finds
nothing written. Loading the demo takes half a minute, so the features no longer each load the part
they need with seeds of their own (issue 18)."""

import random

import frappe
import pytest
from frappe.utils import getdate, nowdate

from dms_app import demo
from dms_app.dealer_accounting import ledger
from dms_app.dealer_accounting.departments import BODY_SHOP, BY_KEY
from dms_app.dealer_accounting.report.dealer_financial_statement import dealer_financial_statement as report
from dms_app.demo import accounting, campaigns, floor_plan, masters, planning, portal, service_masters
from dms_app.portal.customer import customers_for_user
from dms_app.service.labour import flat_hours
from dms_app.tests.inspections import delete_files
from dms_app.warranty.campaigns import open_campaigns

# every table of the database: the second load must not change the count of rows of any
TABLES = "select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'"


@pytest.fixture(scope="module")
def loaded(module_transaction):
	"""The demo, loaded once; what the tests compare it with is read before. The inspection photos
	are files on disk, which no rollback removes: the module deletes them (Frappe's File does, on
	delete) when it is done."""
	company = frappe.db.get_single_value("DMS Settings", "company")
	today = getdate(nowdate())
	from_date, to_date = report.period_dates(today.year, today.month)["month"]
	files_before = set(frappe.get_all("File", pluck="name"))
	try:
		before = ledger.statement(company, from_date, to_date)
		summary = demo.create()
		module_transaction.keep()
		yield frappe._dict(
			summary=summary,
			company=company,
			today=today,
			from_date=from_date,
			to_date=to_date,
			before=before,
			customers=masters.customer_names(random.Random(demo.SEED)),
		)
	finally:
		new_files = frappe.get_all("File", {"is_folder": 0, "name": ("not in", files_before)}, pluck="name")
		delete_files([frappe._dict(name=name) for name in new_files])


def test_the_month_has_figures_in_every_department(loaded):
	"""The Dealer Financial Statement of the current month: every department the demo sells in has
	sales, and its ratios are filled."""
	assert loaded.summary["parts counter sales"] == len(accounting.COUNTER_SALES)
	after = ledger.statement(loaded.company, loaded.from_date, loaded.to_date)
	for key, department in after.departments.items():
		if BY_KEY[key].kind == BODY_SHOP:
			continue  # the app has no body-shop work (docs/accounting.md)
		assert round(department.sales - loaded.before.departments[key].sales, 2) > 0, key
	for key in ("new_vehicles", "used_vehicles", "service_warranty", "parts"):
		growth = after.departments[key].cost_of_sales - loaded.before.departments[key].cost_of_sales
		assert round(growth, 2) > 0, key

	today = loaded.today
	_columns, data, *_rest = report.execute(
		{"company": loaded.company, "year": today.year, "month": today.month}
	)
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


def test_vehicles_cover_the_lifecycle_through_erpnext_documents(loaded):
	counts = dict(
		frappe.get_all("Motor Vehicle", fields=["status", "count(*) as n"], group_by="status", as_list=True)
	)
	for status in ("Ordered", "In Transit", "In Stock", "Reserved", "Sold", "Delivered"):
		assert counts.get(status), (status, counts)
	delivered = frappe.get_all(
		"Motor Vehicle", filters={"status": "Delivered"}, fields=["delivery_note", "customer"]
	)
	assert all(v.delivery_note and v.customer for v in delivered)
	# the demo's customers bought them, and the prospect the delivered deal made a customer
	buyer = frappe.db.get_value("Vehicle Deal", {"status": "Delivered"}, "customer")
	assert {v.customer for v in delivered} - set(loaded.customers) == {buyer}


def test_sales_cover_every_stage(loaded):
	summary = loaded.summary
	assert summary["vehicle deals"] == 5 and summary["test drives"] == 3 and summary["trade-ins"] == 1
	statuses = {
		d.status: d for d in frappe.get_all("Vehicle Deal", fields=["status", "approval_status", "trade_in"])
	}
	assert {"Open", "Quoted", "Delivered", "Lost"} <= set(statuses)
	assert statuses["Delivered"].trade_in
	assert frappe.db.exists("Vehicle Deal", {"approval_status": "Pending Approval"})
	traded = frappe.get_value("Trade-in Appraisal", statuses["Delivered"].trade_in, "vin")
	# taken into used stock, then sold on to a customer (dms_app/demo/accounting.py)
	assert frappe.db.get_value("Motor Vehicle", traded, ["stock_type", "status"]) == ("Used", "Delivered")


def test_oem_orders_one_per_stage(loaded):
	"""A draft, one with its VINs assigned, one shipped and partly received: each moved through the
	OEM order flow, ERPNext's Purchase Order and Purchase Receipt."""
	fields = ["name", "docstatus", "status", "purchase_order", "total_qty", "qty_vin_assigned"]
	orders = {
		o.status: o
		for o in frappe.get_all("OEM Vehicle Order", fields=[*fields, "qty_shipped", "qty_received"])
	}
	assert set(orders) == {"Draft", "VIN Assigned", "Shipped"}, orders
	assert orders["Draft"].docstatus == 0 and not orders["Draft"].purchase_order
	assigned, shipped = orders["VIN Assigned"], orders["Shipped"]
	assert assigned.qty_vin_assigned == assigned.total_qty and not assigned.qty_shipped
	assert shipped.qty_shipped == shipped.total_qty and 0 < shipped.qty_received < shipped.total_qty
	for order in (assigned, shipped):
		assert frappe.db.get_value("Purchase Order", order.purchase_order, "docstatus") == 1
	units = frappe.get_all(
		"OEM Vehicle Order Unit", {"parent": shipped.name}, ["vin", "status", "purchase_receipt"]
	)
	for unit in units:
		status = frappe.db.get_value("Motor Vehicle", unit.vin, "status")
		if unit.purchase_receipt:
			assert unit.status == "Received" and status == "In Stock"
			assert frappe.db.get_value("Purchase Receipt", unit.purchase_receipt, "docstatus") == 1
		else:
			assert (unit.status, status) == ("Shipped", "In Transit")


def test_a_year_of_parts_demand_and_the_first_forecast_runs(loaded):
	"""Parts received 13 months ago and issued in each month since, then both forecast jobs run: the
	parts' forecasts and reorder suggestions, and a draft Material Request."""
	moves = {
		m.purpose: m.n
		for m in frappe.get_all(
			"Stock Entry",
			{"remarks": planning.REMARK, "docstatus": 1},
			["purpose", "count(*) as n"],
			group_by="purpose",
		)
	}
	assert moves["Material Receipt"] == 1 and moves["Material Issue"] >= 6, moves
	runs = {
		r.job: r
		for r in frappe.get_all("Forecast Run", fields=["job", "status", "forecasts_written", "suggestions"])
	}
	assert set(runs) == {"Parts Forecast", "Vehicle Forecast"}
	assert all(run.status == "Completed" and run.forecasts_written for run in runs.values()), runs
	assert loaded.summary["demand forecasts"] == frappe.db.count("Demand Forecast")
	parts = frappe.get_all("Demand Forecast", {"forecast_for": "Part"}, pluck="item")
	assert parts and set(parts) <= {part_no for part_no, *_rest in masters.PARTS}
	assert runs["Parts Forecast"].suggestions and frappe.db.exists("Material Request", {"docstatus": 0})


def test_the_portal_customer_can_log_in_to_her_cars(loaded):
	from frappe.utils.password import check_password

	assert loaded.summary["portal login"] == f"{portal.EMAIL} / {portal.PASSWORD}"
	assert frappe.db.get_value("User", portal.EMAIL, ["user_type", "enabled"]) == ("Website User", 1)
	assert check_password(portal.EMAIL, portal.PASSWORD) == portal.EMAIL
	assert customers_for_user(portal.EMAIL) == [portal.customer()]
	plates = frappe.get_all("Motor Vehicle", {"customer": portal.customer()}, pluck="registration_plate")
	assert {car[2] for car in portal.cars()} <= set(plates) and loaded.summary["portal vehicles"] == 2


def test_financed_vehicles_in_every_state(loaded):
	states = floor_plan.states()
	assert all(states.values()), states


def test_repair_orders_go_through_the_workshop_flow(loaded):
	statuses = sorted(frappe.get_all("Repair Order", {"customer": ("!=", portal.customer())}, pluck="status"))
	assert statuses == ["Closed", "Invoiced", "Invoiced", "Waiting Approval"], statuses
	# the portal customer's: last year's service, and the order waiting for her decision
	mine = sorted(frappe.get_all("Repair Order", {"customer": portal.customer()}, pluck="status"))
	assert mine == ["Closed", "In Progress"], mine
	for name in frappe.get_all("Repair Order", filters={"status": "Invoiced"}, pluck="sales_invoice"):
		assert frappe.db.get_value("Sales Invoice", name, "docstatus") == 1
	assert frappe.db.count("Technician Time Log") >= 4


def test_service_masters(loaded):
	assert loaded.summary["labour operations"] == len(service_masters.OPERATIONS)
	assert loaded.summary["technicians"] >= len(service_masters.TECHNICIANS)
	assert flat_hours("SVC-EV", "BYD Seal") == 1.0 and flat_hours("SVC-EV", "Volkswagen ID.4") == 1.4
	assert frappe.db.get_value("Labour Operation", "SVC-MINOR", "labour_rate") == 125
	# every car on the road has its next service due
	on_the_road = frappe.get_all(
		"Motor Vehicle",
		{"status": ("in", ("Delivered", "In Service"))},
		["name", "next_service_date"],
	)
	assert on_the_road and all(v.next_service_date for v in on_the_road), on_the_road


def test_warranty_claims_in_every_state(loaded):
	assert loaded.summary["warranty claims"] == 6
	statuses = set(frappe.get_all("OEM Warranty Claim", pluck="status"))
	assert {"Draft", "Submitted", "Credited", "Rejected", "Written Off"} <= statuses


def test_inspections_wait_for_the_portal_customer(loaded):
	"""Her open order has a completed inspection with photos and recommendations waiting for her, and
	a deferred item from her last visit."""
	assert loaded.summary["vehicle inspections"] == 1 and loaded.summary["deferred work"] == 1
	customer = portal.customer()
	order = frappe.get_all("Repair Order", {"customer": customer, "docstatus": 0}, pluck="name")[0]
	inspection = frappe.get_doc("Vehicle Inspection", {"repair_order": order})
	assert inspection.docstatus == 1 and inspection.red_items == 2 and inspection.amber_items == 1
	photos = [row.photo for row in inspection.items if row.photo]
	assert len(photos) == 3
	proposed = frappe.get_all(
		"Repair Order Labour",
		{"parent": order, "inspection_item": ("is", "set"), "approval_status": "Proposed"},
		pluck="amount",
	)
	assert len(proposed) == 3 and all(proposed)
	assert frappe.db.exists("Deferred Work", {"customer": customer})


def test_open_campaigns_on_the_portal_customers_car_and_a_completed_one(loaded):
	assert loaded.summary["service campaigns"] == len(campaigns.CAMPAIGNS) == 3
	mine = frappe.get_all("Motor Vehicle", {"customer": portal.customer()}, pluck="name", order_by="name")[0]
	assert [c.campaign for c in open_campaigns(mine)] == ["RC-24V118"]
	assert frappe.db.exists(
		"Service Campaign Vehicle", {"service_campaign": "RC-23V302", "status": "Completed"}
	)
	assert frappe.db.get_value("Service Campaign", "RC-23V302", "status") == "Closed"


def test_a_second_load_writes_nothing(loaded):
	"""What a second `./dms up` does: no table of the site gets a row (the doctypes the demo writes,
	their child tables, GL and stock ledger entries, files, comments, logs)."""
	before = row_counts()
	assert before["tabGL Entry"] and before["tabStock Ledger Entry"] and before["tabFile"]
	again = demo.create()
	after = row_counts()
	assert {t: (n, after[t]) for t, n in before.items() if after[t] != n} == {}
	# each step finds its records and makes none
	first = loaded.summary
	for key in ("warranty claims", "vehicle inspections", "deferred work", "service campaigns"):
		assert again[key] == 0, key
	for key in (
		"labour operations",
		"technicians",
		"service appointments",
		"floor-plan financings",
		"floor-plan interest months",
		"parts counter sales",
		"vehicle deals",
	):
		assert again[key] == first[key], key
	assert "test drives" not in again and "trade-ins" not in again  # the sales step stops at the deals


def row_counts() -> dict[str, int]:
	return {
		table: frappe.db.sql(f"select count(*) from `{table}`")[0][0] for table in frappe.db.sql_list(TABLES)
	}
