"""Gross per vehicle retailed = (vehicle gross + F&I gross) ÷ retail units, fleet excluded.

The rows and their totals are dms_app.vehicle_sales.gross (one definition, which the Dealer Financial
Statement's gross per new / used vehicle retailed and F&I per vehicle read too):
- vehicle gross = the vehicle row's net amount - the VIN's cost in the stock ledger (the value its
  Delivery Note or stock-updating invoice took out of stock; the vehicle's landed cost while it has
  not left yet);
- F&I gross = the invoice's lines booked to the F&I department's income account (F&I products and
  fees), net amount.
Fleet sales (customers in the fleet customer group of DMS Settings) are listed but not counted.
Floor-plan interest (added column): the interest posted for the VIN by the monthly floor-plan job
(dms_app.floor_plan.monthly_interest.posted_interest), shown with the vehicle gross net of it
(vehicle gross - floor-plan interest). The KPI and the totals stay on the vehicle gross, as the Dealer
Financial Statement's are (the interest is an expense below the department's gross profit).
"""

import frappe

from dms_app.controllers import reports
from dms_app.floor_plan.monthly_interest import posted_interest
from dms_app.vehicle_sales import gross


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	data = gross.retailed(company, from_date, to_date)
	interest = posted_interest([row["vin"] for row in data])
	for row in data:
		row["floor_plan_interest"] = interest.get(row["vin"], 0.0)
		row["vehicle_gross_net_of_interest"] = row["vehicle_gross"] - row["floor_plan_interest"]
	total = gross.totals(data)
	summary = [
		{"label": frappe._("Retail units"), "value": total.units, "datatype": "Int"},
		{"label": frappe._("Vehicle gross"), "value": total.vehicle_gross, "datatype": "Currency"},
		{"label": frappe._("F&I gross"), "value": total.fi_gross, "datatype": "Currency"},
		{
			"label": frappe._("Gross per vehicle retailed"),
			"value": total.gross_per_vehicle,
			"datatype": "Currency",
			"indicator": "Green",
		},
		{
			"label": frappe._("Gross per new vehicle"),
			"value": total.gross_per_new_vehicle,
			"datatype": "Currency",
		},
		{
			"label": frappe._("Gross per used vehicle"),
			"value": total.gross_per_used_vehicle,
			"datatype": "Currency",
		},
		{"label": frappe._("F&I per vehicle"), "value": total.fi_per_vehicle, "datatype": "Currency"},
	]
	return columns(), data, None, None, summary


def columns():
	return [
		reports.column("Sales Invoice", "invoice", "Link", "Sales Invoice", 150),
		reports.column("Date", "posting_date", "Date", width=95),
		reports.customer(),
		reports.vin(),
		reports.model(),
		reports.column("Type", "stock_type", width=70),
		reports.currency("Vehicle Revenue", "revenue"),
		reports.currency("Vehicle Cost", "cost"),
		reports.column("Cost From", "cost_source", width=150),
		reports.currency("Vehicle Gross", "vehicle_gross"),
		reports.currency("Floor-Plan Interest", "floor_plan_interest"),
		reports.currency("Vehicle Gross Net of Interest", "vehicle_gross_net_of_interest"),
		reports.currency("F&I Gross", "fi_gross"),
		reports.currency("Total Gross", "total_gross"),
		reports.column("Fleet", "fleet", "Check", width=60),
	]
