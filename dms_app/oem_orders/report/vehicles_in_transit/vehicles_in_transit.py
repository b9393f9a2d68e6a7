"""Vehicles the OEM shipped that the dealer has not received, with ETA and days of delay."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate


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
	return [
		{
			"fieldname": "vin",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 170,
		},
		{
			"fieldname": "oem_order",
			"label": _("OEM Order"),
			"fieldtype": "Link",
			"options": "OEM Vehicle Order",
			"width": 150,
		},
		{
			"fieldname": "supplier",
			"label": _("OEM"),
			"fieldtype": "Link",
			"options": "Supplier",
			"width": 160,
		},
		{
			"fieldname": "trim",
			"label": _("Trim"),
			"fieldtype": "Link",
			"options": "Vehicle Trim",
			"width": 200,
		},
		{"fieldname": "colour", "label": _("Colour"), "fieldtype": "Data", "width": 110},
		{"fieldname": "shipment_no", "label": _("Shipment No"), "fieldtype": "Data", "width": 110},
		{"fieldname": "shipped_date", "label": _("Shipped On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "eta", "label": _("ETA"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_in_transit", "label": _("Days in Transit"), "fieldtype": "Int", "width": 110},
		{"fieldname": "delay_days", "label": _("Delay (days past ETA)"), "fieldtype": "Int", "width": 150},
	], rows
