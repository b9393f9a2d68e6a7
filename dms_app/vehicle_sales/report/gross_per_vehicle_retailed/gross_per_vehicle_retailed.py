"""Gross per vehicle retailed = (vehicle gross + F&I gross) ÷ retail units, fleet excluded.

Per vehicle retailed in the period (dms_app.vehicles.inventory: the vehicle's own Item on a
submitted Sales Invoice, not credited by a return; an OEM warranty invoice naming a VIN is no sale):
- vehicle gross = the vehicle row's net amount - the VIN's cost in the stock ledger (the value its
  Delivery Note or stock-updating invoice took out of stock; the vehicle's landed cost while it has
  not left yet);
- F&I gross = the invoice's lines in the F&I products item group (DMS Settings), net amount.
Fleet sales (customers in the fleet customer group of DMS Settings) are listed but not counted.
"""

import frappe
from frappe.utils import flt

from dms_app import kpi
from dms_app.controllers import reports
from dms_app.vehicles import inventory


def vin_cost(vin: str, delivery: str | None, landed_cost: float) -> tuple[float, str]:
	if delivery:
		value = frappe.db.sql(
			"""select -sum(sle.stock_value_difference) from `tabStock Ledger Entry` sle
			where sle.voucher_no = %s and sle.is_cancelled = 0 and sle.actual_qty < 0
			and sle.voucher_detail_no in (
				select name from `tabDelivery Note Item` where parent = %s and vin = %s
				union select name from `tabSales Invoice Item` where parent = %s and vin = %s)""",
			(delivery, delivery, vin, delivery, vin),
		)[0][0]
		if value is not None:
			return flt(value), frappe._("Stock ledger")
	return flt(landed_cost), frappe._("Landed cost (not delivered)")


def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	fi_group = frappe.db.get_single_value("DMS Settings", "fi_item_group")
	fleet_group = frappe.db.get_single_value("DMS Settings", "fleet_customer_group")
	vehicles = inventory.vehicle_sales(company, from_date, to_date)
	fi = dict(
		frappe.db.sql(
			"""select sii.parent, sum(sii.base_net_amount) from `tabSales Invoice Item` sii
			where sii.parent in %s and sii.item_group = %s group by sii.parent""",
			([v.invoice for v in vehicles] or [""], fi_group or ""),
		)
	)
	data, seen_invoices = [], set()
	for v in vehicles:
		cost, source = vin_cost(v.vin, v.delivery_note, v.landed_cost)
		fi_gross = 0.0 if v.invoice in seen_invoices else flt(fi.get(v.invoice))
		seen_invoices.add(v.invoice)
		fleet = bool(fleet_group) and v.customer_group == fleet_group
		vehicle_gross = flt(v.revenue) - cost
		data.append(
			{
				**v,
				"cost": cost,
				"cost_source": source,
				"vehicle_gross": vehicle_gross,
				"fi_gross": fi_gross,
				"total_gross": vehicle_gross + fi_gross,
				"fleet": 1 if fleet else 0,
			}
		)
	retail = [d for d in data if not d["fleet"]]
	vehicle_gross = sum(d["vehicle_gross"] for d in retail)
	fi_gross = sum(d["fi_gross"] for d in retail)
	summary = [
		{"label": frappe._("Retail units"), "value": len(retail), "datatype": "Int"},
		{"label": frappe._("Vehicle gross"), "value": vehicle_gross, "datatype": "Currency"},
		{"label": frappe._("F&I gross"), "value": fi_gross, "datatype": "Currency"},
		{
			"label": frappe._("Gross per vehicle retailed"),
			"value": kpi.gross_per_vehicle_retailed(vehicle_gross, fi_gross, len(retail)),
			"datatype": "Currency",
			"indicator": "Green",
		},
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
		reports.currency("F&I Gross", "fi_gross"),
		reports.currency("Total Gross", "total_gross"),
		reports.column("Fleet", "fleet", "Check", width=60),
	]
