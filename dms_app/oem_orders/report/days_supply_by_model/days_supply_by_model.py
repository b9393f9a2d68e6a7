"""Days supply by model = units in stock ÷ (units sold in the last 30 days ÷ 30), new vehicles, next
to what is on order from the OEM (not yet allocated, allocated, in transit). Units in stock and sold
are dms_app.vehicles.inventory's, as in Vehicle Inventory Turn and Days Supply (docs/kpis.md).
Left out: used vehicles, and OEM orders in draft, received or cancelled."""

from collections import defaultdict

import frappe
from frappe.utils import add_days, cint, flt, getdate, nowdate

from dms_app.controllers import reports
from dms_app.kpi import days_supply
from dms_app.vehicles import inventory


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
	vehicle_filters = {"stock_type": "New"}
	if filters.make:
		vehicle_filters["make"] = filters.make
	if filters.company:
		vehicle_filters["company"] = filters.company
	figures = defaultdict(lambda: defaultdict(int))
	for vehicle in frappe.get_all(
		"Motor Vehicle", filters=vehicle_filters, fields=["model", "make", "status", "sales_invoice"]
	):
		model = figures[vehicle.model]
		model["make"] = vehicle.make
		if vehicle.status == "Ordered":
			model["allocated"] += 1
		elif vehicle.status == "In Transit":
			model["in_transit"] += 1
	company = filters.company or frappe.db.get_single_value("DMS Settings", "company")
	for model, units in inventory.units_in_stock(company, today, filters.make, "New").items():
		figures[model]["in_stock"] = units
	for model, units in inventory.units_sold(
		company, add_days(today, -29), today, filters.make, "New"
	).items():
		figures[model]["sold_30"] = units
	for model, make, qty in unallocated_on_order(filters):
		figures[model]["make"] = make
		figures[model]["unallocated"] += qty
	rows = []
	for model, f in sorted(figures.items(), key=lambda item: item[0] or ""):
		if not model:
			continue
		supply = days_supply(f["in_stock"], f["sold_30"])
		rows.append(
			{
				"model": model,
				"make": f["make"] or frappe.get_cached_value("Vehicle Model", model, "make"),
				"in_stock": f["in_stock"],
				"sold_30": f["sold_30"],
				"daily_rate": flt(f["sold_30"] / 30, 2),
				"days_supply": flt(supply, 1) if supply is not None else None,
				"unallocated": f["unallocated"],
				"allocated": f["allocated"],
				"in_transit": f["in_transit"],
				"on_order": f["unallocated"] + f["allocated"] + f["in_transit"],
			}
		)
	return columns(), rows


def unallocated_on_order(filters):
	"""Vehicles ordered from the OEM that have no VIN yet (confirmed or not), by model."""
	rows = []
	conditions = {"docstatus": 1, "status": ("not in", ("Received", "Cancelled"))}
	if filters.company:
		conditions["company"] = filters.company
	orders = frappe.get_all("OEM Vehicle Order", filters=conditions, pluck="name")
	if not orders:
		return rows
	for line in frappe.get_all(
		"OEM Vehicle Order Line",
		filters={"parent": ("in", orders)},
		fields=["trim", "qty", "qty_confirmed", "qty_vin_assigned"],
	):
		model, make = frappe.get_cached_value("Vehicle Trim", line.trim, ["model", "make"])
		if filters.make and make != filters.make:
			continue
		open_qty = cint(line.qty_confirmed or line.qty) - cint(line.qty_vin_assigned)
		if open_qty > 0:
			rows.append((model, make, open_qty))
	return rows


def columns():
	return [
		reports.model(180),
		reports.make(),
		reports.column("Units in Stock", "in_stock", "Int", width=110),
		reports.column("Sold (last 30 days)", "sold_30", "Int", width=130),
		reports.column("Daily Sales Rate", "daily_rate", "Float"),
		reports.column("Days Supply", "days_supply", "Float", width=100),
		reports.column("On Order (no VIN)", "unallocated", "Int", width=130),
		reports.column("Allocated (VIN)", "allocated", "Int"),
		reports.column("In Transit", "in_transit", "Int", width=90),
		reports.column("Total on Order", "on_order", "Int", width=110),
	]
