"""Days in stock per unsold vehicle on the ground (status In Stock or Reserved, the "vehicles in
stock" of docs/kpis.md), by model and location, with cost and holding cost to date.
Left out: vehicles ordered, in transit, sold or delivered."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from dms_app.controllers import reports
from dms_app.vehicles.ageing import BUCKETS, bucket_of
from dms_app.vehicles.lifecycle import IN_STOCK, days_in_stock


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
	costs = reports.shows_costs("Motor Vehicle")
	holding_cost = flt(frappe.db.get_single_value("DMS Settings", "holding_cost_per_day"))
	rows = []
	for vehicle in frappe.get_list(
		"Motor Vehicle",
		filters=conditions(filters),
		fields=[
			"name",
			"make",
			"model",
			"trim",
			"model_year",
			"warehouse",
			"status",
			"stock_type",
			"stock_in_date",
			"landed_cost",
			"list_price",
		],
		order_by="stock_in_date asc",
	):
		days = days_in_stock(getdate(vehicle.stock_in_date), today) or 0
		row = {**vehicle, "days_in_stock": days, "age_bucket": bucket_of(days)}
		if costs:  # frappe.get_list left landed_cost out for the others
			row["holding_cost"] = days * holding_cost
		rows.append(row)
	return columns(costs), rows, None, chart(rows), summary(rows, costs)


def conditions(filters) -> dict:
	result = {"status": ("in", IN_STOCK), "stock_in_date": ("is", "set")}
	for field in ("company", "warehouse", "make", "model", "stock_type"):
		if filters.get(field):
			result[field] = filters[field]
	return result


def columns(costs: bool = True) -> list[dict]:
	"""Cost and holding cost only for users who read the vehicle's cost fields (permlevel 1)."""
	cost_columns = [
		reports.currency("Landed Cost", "landed_cost", 110),
		reports.currency("Holding Cost to Date", "holding_cost"),
	]
	return [
		reports.vin("name"),
		reports.model(150),
		reports.trim(150),
		reports.column("Year", "model_year", "Int", width=60),
		reports.column("Location", "warehouse", "Link", "Warehouse", 150),
		reports.column("Status", "status", width=90),
		reports.column("Type", "stock_type", width=70),
		reports.column("Stock-in Date", "stock_in_date", "Date", width=100),
		reports.column("Days in Stock", "days_in_stock", "Int", width=90),
		reports.column("Age", "age_bucket", width=80),
		*(cost_columns if costs else []),
		reports.currency("List Price", "list_price", 110),
	]


def chart(rows) -> dict:
	counts = [sum(1 for r in rows if r["age_bucket"] == label) for label, _limit in BUCKETS]
	return {
		"data": {
			"labels": [label for label, _limit in BUCKETS],
			"datasets": [{"name": _("Vehicles"), "values": counts}],
		},
		"type": "bar",
	}


def summary(rows, costs: bool = True) -> list[dict]:
	count = len(rows)
	average = sum(r["days_in_stock"] for r in rows) / count if count else 0
	aged_limit = frappe.db.get_single_value("DMS Settings", "aged_stock_days") or 90
	figures = [
		{"label": _("Vehicles in stock"), "value": count, "datatype": "Int"},
		{"label": _("Average days in stock"), "value": round(average, 1), "datatype": "Float"},
		{
			"label": _("Over {0} days").format(aged_limit),
			"value": sum(1 for r in rows if r["days_in_stock"] > aged_limit),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
	if not costs:
		return figures
	return [
		*figures,
		{
			"label": _("Unsold vehicles at cost"),
			"value": sum(flt(r["landed_cost"]) for r in rows),
			"datatype": "Currency",
		},
		{
			"label": _("Holding cost to date"),
			"value": sum(r["holding_cost"] for r in rows),
			"datatype": "Currency",
		},
	]
