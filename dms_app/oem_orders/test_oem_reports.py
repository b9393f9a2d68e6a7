"""OEM order reports: open orders by status, vehicles in transit, late shipments, days supply."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.oem_orders import vehicle_orders
from dms_app.oem_orders.report.days_supply_by_model import days_supply_by_model
from dms_app.oem_orders.report.late_oem_shipments import late_oem_shipments
from dms_app.oem_orders.report.open_oem_orders import open_oem_orders
from dms_app.oem_orders.report.vehicles_in_transit import vehicles_in_transit
from dms_app.tests import factories
from dms_app.tests.oem_orders import csv_of, make_oem_order


def test_open_orders_in_transit_and_late_shipments():
	trim = factories.make_vehicle_trim("Honda", "Accord", "RPT-A")
	order = make_oem_order([(trim, 2)])
	vin = factories.make_vin()
	vehicle_orders.import_confirmations(
		csv_of(
			[
				{
					"oem_order_no": order.name,
					"line": 1,
					"vin": vin,
					"shipped_date": add_days(nowdate(), -6),
					"eta": add_days(nowdate(), -2),
				}
			]
		),
		"c.csv",
	)
	_columns, rows, _msg, chart = open_oem_orders.execute({"supplier": order.supplier})
	assert [(r.name, r.status, r.qty_shipped) for r in rows if r.name == order.name] == [
		(order.name, "Shipped", 1)  # a VIN confirms one vehicle; the other is still unconfirmed
	]
	assert chart["data"]["labels"]
	_columns, rows = vehicles_in_transit.execute({"supplier": order.supplier})
	row = next(r for r in rows if r.vin == vin)
	assert (row.delay_days, row.days_in_transit) == (2, 6)
	# four weeks on, the unshipped vehicle of the line is late too
	_columns, rows = late_oem_shipments.execute(
		{"supplier": order.supplier, "as_of": add_days(nowdate(), 40)}
	)
	issues = {(r["issue"], r["qty"]) for r in rows if r["oem_order"] == order.name}
	assert issues == {("Not shipped", 1), ("Past ETA", 1)}


def test_days_supply_is_stock_over_the_daily_rate_of_the_last_30_days():
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	trim = factories.make_vehicle_trim("Honda", "DaysSupplyModel", "DS")
	model = frappe.db.get_value("Vehicle Trim", trim, "model")
	vins = [factories.make_vin() for _ in range(4)]
	factories.receive_vehicles(vins, trim)
	invoice = make_sales_invoice(factories.make_sales_order(factories.make_customer(), vins[0]).name)
	invoice.insert()
	invoice.submit()
	make_oem_order([(trim, 2)])
	_columns, rows = days_supply_by_model.execute({"make": "Honda"})
	row = next(r for r in rows if r["model"] == model)
	# 3 in stock ÷ (1 sold ÷ 30) = 90 days
	assert (row["in_stock"], row["sold_30"], row["days_supply"], row["unallocated"]) == (3, 1, 90.0, 2)
