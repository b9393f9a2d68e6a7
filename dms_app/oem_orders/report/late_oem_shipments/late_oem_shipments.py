"""OEM order lines with vehicles not yet shipped after their requested delivery week, and shipped
vehicles past their ETA.
Left out: draft and cancelled orders, lines fully shipped, and vehicles received."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, nowdate

from dms_app.controllers import reports
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
		for o in frappe.get_list("OEM Vehicle Order", filters=conditions, fields=["name", "supplier"])
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
	return columns(), rows


def columns():
	return [
		reports.oem_order(),
		reports.oem_supplier(),
		reports.column("Line", "line", "Int", width=60),
		reports.vin(),
		reports.trim(),
		reports.column("Colour", "colour", width=110),
		reports.column("Issue", "issue", width=100),
		reports.column("Vehicles", "qty", "Int", width=80),
		reports.column("Due", "due_date", "Date", width=100),
		reports.column("Days Late", "days_late", "Int", width=90),
	]
