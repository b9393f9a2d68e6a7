"""The monthly vehicle job: sales by model from submitted invoices, pipeline from stock and open POs."""

import json

import frappe
from frappe.utils import add_days, add_months, nowdate

from dms_app.planning.policy import vehicle_order_quantity
from dms_app.planning.runs import start_run
from dms_app.tests.factories import (
	default_company,
	make_customer,
	make_supplier,
	make_vehicle_trim,
	make_vin,
	receive_vehicles,
)
from dms_app.tests.planning import months_ago


def sell(vin, posting_date):
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": make_customer(),
			"company": default_company(),
			"set_posting_time": 1,
			"posting_date": posting_date,
			"due_date": posting_date,
			"items": [{"item_code": vehicle.item, "qty": 1, "rate": 30000, "vin": vin}],
		}
	)
	invoice.insert()
	invoice.submit()
	return invoice


def order_from_oem(item, qty):
	order = frappe.get_doc(
		{
			"doctype": "Purchase Order",
			"supplier": make_supplier("Test OEM Distributor"),
			"company": default_company(),
			"transaction_date": nowdate(),
			"schedule_date": add_days(nowdate(), 60),
			"items": [
				{
					"item_code": item,
					"qty": qty,
					"rate": 25000,
					"warehouse": frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse"),
					"schedule_date": add_days(nowdate(), 60),
				}
			],
		}
	)
	order.insert()
	order.submit()
	return order


def test_vehicle_forecast_and_order_suggestion():
	trim = make_vehicle_trim(model=f"M{frappe.generate_hash(length=5)}")
	model = frappe.db.get_value("Vehicle Trim", trim, "model")
	vins = [make_vin() for _ in range(4)]
	receive_vehicles(vins, trim)
	for vin, months in zip(vins[:3], (3, 2, 1), strict=False):
		sell(vin, months_ago(months))
	order_from_oem(frappe.db.get_value("Vehicle Trim", trim, "item"), 2)

	run = start_run("Vehicle Forecast")
	assert frappe.db.get_value("Forecast Run", run, "status") == "Completed"
	forecast = frappe.get_doc("Demand Forecast", {"vehicle_model": model})
	assert json.loads(forecast.history_values) == [1, 1, 1]
	assert forecast.next_period_forecast > 0

	suggestion = frappe.get_doc("Vehicle Order Suggestion", {"vehicle_model": model})
	assert (suggestion.in_stock, suggestion.in_transit, suggestion.on_order) == (1, 0, 2)
	assert suggestion.suggested_qty == vehicle_order_quantity(suggestion.target_stock, 1, 0, 2)
	assert suggestion.suggested_qty > 0 and suggestion.status == "Open"

	# the Sales Manager dismisses it; a re-run of the month keeps that, next month's run suggests anew
	suggestion.status = "Dismissed"
	suggestion.save()
	assert start_run("Vehicle Forecast") == run
	assert frappe.db.count("Vehicle Order Suggestion", {"vehicle_model": model}) == 1
	start_run("Vehicle Forecast", today=add_months(nowdate(), 1))
	assert frappe.db.get_value("Vehicle Order Suggestion", suggestion.name, "status") == "Dismissed"
	assert frappe.db.count("Vehicle Order Suggestion", {"vehicle_model": model, "status": "Open"}) == 1
	assert frappe.db.count("Demand Forecast", {"vehicle_model": model}) == 1


def test_sales_manager_cannot_create_suggestions_by_hand():
	from dms_app.tests.factories import make_user

	frappe.set_user(make_user(roles=("Sales Manager",)))
	assert frappe.has_permission("Vehicle Order Suggestion", "write")
	assert not frappe.has_permission("Forecast Run", "write")
	assert not frappe.has_permission("Demand Forecast", "write")
