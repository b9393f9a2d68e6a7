"""Vehicle and F&I gross per vehicle retailed, defined once (docs/kpis.md): the Gross per Vehicle
Retailed report lists these rows and the Dealer Financial Statement's ratios are their totals.

Per vehicle retailed in the period (dms_app.vehicles.inventory.vehicle_sales: the vehicle's own Item
on a submitted Sales Invoice, not credited by a return; an OEM warranty invoice naming a VIN is no
sale):
- vehicle gross = the vehicle row's net amount (booked to the New or Used Vehicles department's
  income account) - the VIN's cost in the stock ledger (the value its Delivery Note or stock-updating
  invoice took out of stock, what the department's cost of sales carries; the vehicle's landed cost
  while it has not left yet);
- F&I gross = the net amount of the invoice's lines booked to the F&I department's income account
  (F&I products and fees, DMS Settings > Accounting), counted once per invoice.
Fleet sales (customers in the fleet customer group of DMS Settings) are listed but not counted.
"""

import frappe
from frappe import _
from frappe.utils import flt

from dms_app import kpi
from dms_app.dealer_accounting.accounts import department
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
			return flt(value), _("Stock ledger")
	return flt(landed_cost), _("Landed cost (not delivered)")


def fi_income(company: str, invoices: list[str]) -> dict[str, float]:
	"""Invoice → net amount of its lines on the F&I department's income account."""
	account = department(company, "fi").income_account
	if not invoices or not account:
		return {}
	return dict(
		frappe.db.sql(
			"""select sii.parent, sum(sii.base_net_amount) from `tabSales Invoice Item` sii
			where sii.parent in %s and sii.income_account = %s group by sii.parent""",
			(invoices, account),
		)
	)


def retailed(company: str, from_date, to_date) -> list[dict]:
	"""One row per vehicle retailed in the period, with its cost, vehicle gross, F&I gross and
	whether it went to a fleet customer."""
	fleet_group = frappe.db.get_single_value("DMS Settings", "fleet_customer_group")
	vehicles = inventory.vehicle_sales(company, from_date, to_date)
	fi = fi_income(company, list({v.invoice for v in vehicles}))
	data, seen_invoices = [], set()
	for v in vehicles:
		cost, source = vin_cost(v.vin, v.delivery_note, v.landed_cost)
		fi_gross = 0.0 if v.invoice in seen_invoices else flt(fi.get(v.invoice))
		seen_invoices.add(v.invoice)
		vehicle_gross = flt(v.revenue) - cost
		data.append(
			{
				**v,
				"cost": cost,
				"cost_source": source,
				"vehicle_gross": vehicle_gross,
				"fi_gross": fi_gross,
				"total_gross": vehicle_gross + fi_gross,
				"fleet": 1 if fleet_group and v.customer_group == fleet_group else 0,
			}
		)
	return data


def totals(rows: list[dict]) -> frappe._dict:
	"""The retail (non-fleet) vehicles' units and gross, new and used, and the KPIs on them."""
	retail = [r for r in rows if not r["fleet"]]
	new = [r for r in retail if r.get("stock_type") != "Used"]
	used = [r for r in retail if r.get("stock_type") == "Used"]
	result = frappe._dict(
		units=len(retail),
		new_units=len(new),
		used_units=len(used),
		vehicle_gross=sum(r["vehicle_gross"] for r in retail),
		new_vehicle_gross=sum(r["vehicle_gross"] for r in new),
		used_vehicle_gross=sum(r["vehicle_gross"] for r in used),
		fi_gross=sum(r["fi_gross"] for r in retail),
	)
	result.gross_per_vehicle = kpi.gross_per_vehicle_retailed(
		result.vehicle_gross, result.fi_gross, result.units
	)
	result.gross_per_new_vehicle = kpi.gross_per_vehicle_retailed(
		result.new_vehicle_gross, 0, result.new_units
	)
	result.gross_per_used_vehicle = kpi.gross_per_vehicle_retailed(
		result.used_vehicle_gross, 0, result.used_units
	)
	result.fi_per_vehicle = kpi.fi_per_vehicle(result.fi_gross, result.units)
	return result
