"""OEM order lines with vehicles not yet shipped after their requested delivery week, and shipped
vehicles past their ETA."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, nowdate

from dms_app.oem_orders.report.vehicles_in_transit.vehicles_in_transit import in_transit


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
	conditions = {"docstatus": 1}
	for field in ("company", "supplier"):
		if filters.get(field):
			conditions[field] = filters[field]
	orders = {
		o.name: o
		for o in frappe.get_list(
			"OEM Vehicle Order", filters=conditions, fields=["name", "supplier", "workflow_state"]
		)
	}
	rows = []
	if orders:
		for line in frappe.get_all(
			"OEM Vehicle Order Line",
			filters={"parent": ("in", list(orders))},
			fields=[
				"parent",
				"idx",
				"trim",
				"colour",
				"qty",
				"qty_confirmed",
				"qty_shipped",
				"requested_week",
			],
		):
			due = getdate(add_days(line.requested_week, 6))
			late = cint(line.qty) - cint(line.qty_shipped)  # ordered, whatever the OEM confirmed
			if late > 0 and due < today:
				rows.append(
					{
						"oem_order": line.parent,
						"supplier": orders[line.parent].supplier,
						"line": line.idx,
						"trim": line.trim,
						"colour": line.colour,
						"issue": _("Not shipped"),
						"qty": late,
						"due_date": due,
						"days_late": (today - due).days,
					}
				)
	for unit in in_transit(filters):
		if unit.eta and getdate(unit.eta) < today:
			rows.append(
				{
					"oem_order": unit.oem_order,
					"supplier": unit.supplier,
					"vin": unit.vin,
					"trim": unit.trim,
					"colour": unit.colour,
					"issue": _("Past ETA"),
					"qty": 1,
					"due_date": unit.eta,
					"days_late": (today - getdate(unit.eta)).days,
				}
			)
	rows.sort(key=lambda row: -row["days_late"])
	return [
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
		{"fieldname": "line", "label": _("Line"), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "vin",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 170,
		},
		{
			"fieldname": "trim",
			"label": _("Trim"),
			"fieldtype": "Link",
			"options": "Vehicle Trim",
			"width": 200,
		},
		{"fieldname": "colour", "label": _("Colour"), "fieldtype": "Data", "width": 110},
		{"fieldname": "issue", "label": _("Issue"), "fieldtype": "Data", "width": 100},
		{"fieldname": "qty", "label": _("Vehicles"), "fieldtype": "Int", "width": 80},
		{"fieldname": "due_date", "label": _("Due"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_late", "label": _("Days Late"), "fieldtype": "Int", "width": 90},
	], rows
