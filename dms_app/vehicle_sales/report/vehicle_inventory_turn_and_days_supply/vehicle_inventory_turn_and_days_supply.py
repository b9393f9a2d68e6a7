"""Vehicle inventory turn and days supply by model, from the stock ledger and sales invoices.

- Days supply = units in stock ÷ (units sold in the last 30 days up to To Date ÷ 30), new vehicles,
  both counted on To Date as dms_app.vehicles.inventory counts them (and Days Supply by Model).
- Inventory turn = cost of goods sold in the period (stock ledger value of vehicles leaving on
  Delivery Notes / stock-updating invoices) ÷ average inventory at cost (the vehicle stock value,
  inventory.stock_value, the day before From Date and on To Date). The closing value is the DMS
  workspace's Vehicle Stock Value card on the same date.
Left out: used vehicles from days supply.
"""

from collections import defaultdict

import frappe
from frappe.utils import add_days, flt

from dms_app import kpi
from dms_app.controllers import reports
from dms_app.vehicles import inventory


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	rows = defaultdict(lambda: {"in_stock": 0, "sold_30": 0, "cogs": 0.0, "opening": 0.0, "closing": 0.0})
	for model, units in inventory.units_in_stock(company, to_date, stock_type="New").items():
		rows[model]["in_stock"] = units
	for model, units in inventory.units_sold(
		company, add_days(to_date, -29), to_date, stock_type="New"
	).items():
		rows[model]["sold_30"] = units
	for model, value in inventory.stock_value(company, add_days(from_date, -1)).items():
		rows[model]["opening"] = value
	for model, value in inventory.stock_value(company, to_date).items():
		rows[model]["closing"] = value
	for model, value in cost_of_sales(company, from_date, to_date).items():
		rows[model]["cogs"] = value
	data = []
	for model in sorted(rows):
		r = rows[model]
		data.append(
			{
				"model": model,
				"in_stock": r["in_stock"],
				"sold_30": r["sold_30"],
				"days_supply": kpi.days_supply(r["in_stock"], r["sold_30"]),
				"cogs": r["cogs"],
				"opening": r["opening"],
				"closing": r["closing"],
				"average_inventory": (r["opening"] + r["closing"]) / 2,
				"inventory_turn": kpi.inventory_turn(r["cogs"], r["opening"], r["closing"]),
			}
		)
	totals = {k: sum(flt(d[k]) for d in data) for k in ("in_stock", "sold_30", "cogs", "opening", "closing")}
	summary = [
		{"label": frappe._("Units in stock"), "value": totals["in_stock"], "datatype": "Int"},
		{"label": frappe._("Sold last 30 days"), "value": totals["sold_30"], "datatype": "Int"},
		{
			"label": frappe._("Days supply"),
			"value": kpi.days_supply(totals["in_stock"], totals["sold_30"]),
			"datatype": "Float",
		},
		{
			"label": frappe._("Inventory turn"),
			"value": kpi.inventory_turn(totals["cogs"], totals["opening"], totals["closing"]),
			"datatype": "Float",
		},
		{"label": frappe._("Closing Inventory"), "value": flt(totals["closing"], 2), "datatype": "Currency"},
	]
	return columns(), data, None, None, summary


def cost_of_sales(company: str, from_date, to_date) -> dict[str, float]:
	"""Cost of the vehicles that left stock on Delivery Notes or stock-updating Sales Invoices in
	the period, by model: their stock ledger value."""
	models = inventory.item_models()
	values = defaultdict(float)
	if not models:
		return values
	for item, value in frappe.db.sql(
		"""select item_code, -sum(stock_value_difference) from `tabStock Ledger Entry`
		where is_cancelled = 0 and company = %(company)s and posting_date between %(from)s and %(to)s
			and actual_qty < 0 and voucher_type in ('Delivery Note', 'Sales Invoice')
			and item_code in %(items)s
		group by item_code""",
		{"company": company, "from": from_date, "to": to_date, "items": list(models)},
	):
		values[models[item]] += flt(value)
	return values


def columns():
	return [
		reports.model(180),
		reports.column("Units in Stock", "in_stock", "Int", width=100),
		reports.column("Sold (Last 30 Days)", "sold_30", "Int", width=110),
		reports.column("Days Supply", "days_supply", "Float", width=100),
		reports.currency("COGS (Period)", "cogs"),
		reports.currency("Opening Inventory", "opening"),
		reports.currency("Closing Inventory", "closing"),
		reports.currency("Average Inventory", "average_inventory"),
		reports.column("Inventory Turn", "inventory_turn", "Float", width=100),
	]
