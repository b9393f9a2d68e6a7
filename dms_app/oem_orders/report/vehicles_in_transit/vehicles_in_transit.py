"""Vehicles the OEM shipped that the dealer has not received, with ETA and days of delay.
Left out: vehicles not shipped yet or already received, and draft or cancelled orders."""

import frappe
from frappe.utils import getdate, nowdate

from dms_app.controllers import reports


def in_transit(filters) -> list[dict]:
	order = frappe.qb.DocType("OEM Vehicle Order")
	unit = frappe.qb.DocType("OEM Vehicle Order Unit")
	line = frappe.qb.DocType("OEM Vehicle Order Line")
	query = (
		frappe.qb.from_(unit)
		.join(order)
		.on(order.name == unit.parent)
		.join(line)
		.on((line.parent == unit.parent) & (line.idx == unit.line))
		.select(
			unit.vin,
			order.name.as_("oem_order"),
			order.supplier,
			line.trim,
			line.colour,
			unit.shipment_no,
			unit.shipped_date,
			unit.eta,
			line.requested_week,
		)
		.where(order.docstatus == 1)
		.where(unit.status == "Shipped")
		.orderby(unit.eta)
	)
	for field in ("company", "supplier"):
		if filters.get(field):
			query = query.where(order[field] == filters[field])
	return query.run(as_dict=True)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
	rows = in_transit(filters)
	for row in rows:
		row.days_in_transit = (today - getdate(row.shipped_date)).days if row.shipped_date else None
		row.delay_days = max((today - getdate(row.eta)).days, 0) if row.eta else None
	return columns(), rows


def columns():
	return [
		reports.vin(),
		reports.oem_order(),
		reports.oem_supplier(),
		reports.trim(),
		reports.column("Colour", "colour", width=110),
		reports.column("Shipment No", "shipment_no", width=110),
		reports.column("Shipped On", "shipped_date", "Date", width=100),
		reports.column("ETA", "eta", "Date", width=100),
		reports.column("Days in Transit", "days_in_transit", "Int", width=110),
		reports.column("Delay (days past ETA)", "delay_days", "Int", width=150),
	]
