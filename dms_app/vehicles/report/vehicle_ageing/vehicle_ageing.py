"""Days in stock per unsold vehicle on the ground (status In Stock or Reserved, the "vehicles in
stock" of docs/kpis.md), by model and location, with cost and holding cost to date."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from dms_app.vehicles.ageing import BUCKETS, bucket_of
from dms_app.vehicles.lifecycle import IN_STOCK, days_in_stock


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
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
		rows.append(
			{
				**vehicle,
				"days_in_stock": days,
				"age_bucket": bucket_of(days),
				"holding_cost": days * holding_cost,
			}
		)
	return columns(), rows, None, chart(rows), summary(rows)


def conditions(filters) -> dict:
	result = {"status": ("in", IN_STOCK), "stock_in_date": ("is", "set")}
	for field in ("company", "warehouse", "make", "model", "stock_type"):
		if filters.get(field):
			result[field] = filters[field]
	return result


def columns() -> list[dict]:
	return [
		{
			"label": _("VIN"),
			"fieldname": "name",
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 170,
		},
		{
			"label": _("Model"),
			"fieldname": "model",
			"fieldtype": "Link",
			"options": "Vehicle Model",
			"width": 150,
		},
		{
			"label": _("Trim"),
			"fieldname": "trim",
			"fieldtype": "Link",
			"options": "Vehicle Trim",
			"width": 150,
		},
		{"label": _("Year"), "fieldname": "model_year", "fieldtype": "Int", "width": 60},
		{
			"label": _("Location"),
			"fieldname": "warehouse",
			"fieldtype": "Link",
			"options": "Warehouse",
			"width": 150,
		},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 90},
		{"label": _("Type"), "fieldname": "stock_type", "fieldtype": "Data", "width": 70},
		{"label": _("Stock-in Date"), "fieldname": "stock_in_date", "fieldtype": "Date", "width": 100},
		{"label": _("Days in Stock"), "fieldname": "days_in_stock", "fieldtype": "Int", "width": 90},
		{"label": _("Age"), "fieldname": "age_bucket", "fieldtype": "Data", "width": 80},
		{"label": _("Landed Cost"), "fieldname": "landed_cost", "fieldtype": "Currency", "width": 110},
		{
			"label": _("Holding Cost to Date"),
			"fieldname": "holding_cost",
			"fieldtype": "Currency",
			"width": 120,
		},
		{"label": _("List Price"), "fieldname": "list_price", "fieldtype": "Currency", "width": 110},
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


def summary(rows) -> list[dict]:
	count = len(rows)
	average = sum(r["days_in_stock"] for r in rows) / count if count else 0
	aged_limit = frappe.db.get_single_value("DMS Settings", "aged_stock_days") or 90
	return [
		{"label": _("Vehicles in stock"), "value": count, "datatype": "Int"},
		{"label": _("Average days in stock"), "value": round(average, 1), "datatype": "Float"},
		{
			"label": _("Over {0} days").format(aged_limit),
			"value": sum(1 for r in rows if r["days_in_stock"] > aged_limit),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Stock at cost"),
			"value": sum(flt(r["landed_cost"]) for r in rows),
			"datatype": "Currency",
		},
		{
			"label": _("Holding cost to date"),
			"value": sum(r["holding_cost"] for r in rows),
			"datatype": "Currency",
		},
	]
