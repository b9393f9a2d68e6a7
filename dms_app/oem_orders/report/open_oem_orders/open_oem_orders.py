"""Submitted OEM vehicle orders not yet fully received, with each stage's count, by status."""

import frappe
from frappe import _

from dms_app.oem_orders.progress import STAGES

OPEN = STAGES[:-1]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"docstatus": 1, "workflow_state": ("in", OPEN)}
	for field in ("company", "supplier", "workflow_state"):
		if filters.get(field):
			conditions[field] = filters[field]
	rows = frappe.get_list(
		"OEM Vehicle Order",
		filters=conditions,
		fields=[
			"name",
			"workflow_state",
			"supplier",
			"oem_order_no",
			"transaction_date",
			"total_qty",
			"qty_confirmed",
			"qty_vin_assigned",
			"qty_shipped",
			"qty_received",
			"per_received",
			"purchase_order",
		],
		order_by="transaction_date asc",
	)
	rows.sort(key=lambda row: OPEN.index(row.workflow_state))
	counts = {stage: sum(1 for row in rows if row.workflow_state == stage) for stage in OPEN}
	chart = {
		"data": {
			"labels": [_(s) for s in OPEN],
			"datasets": [{"name": _("Orders"), "values": list(counts.values())}],
		},
		"type": "bar",
	}
	return columns(), rows, None, chart


def columns():
	return [
		{
			"fieldname": "name",
			"label": _("OEM Order"),
			"fieldtype": "Link",
			"options": "OEM Vehicle Order",
			"width": 160,
		},
		{"fieldname": "workflow_state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "supplier",
			"label": _("OEM"),
			"fieldtype": "Link",
			"options": "Supplier",
			"width": 180,
		},
		{"fieldname": "oem_order_no", "label": _("OEM Order No"), "fieldtype": "Data", "width": 120},
		{"fieldname": "transaction_date", "label": _("Ordered On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "total_qty", "label": _("Ordered"), "fieldtype": "Int", "width": 80},
		{"fieldname": "qty_confirmed", "label": _("Confirmed"), "fieldtype": "Int", "width": 90},
		{"fieldname": "qty_vin_assigned", "label": _("VIN Assigned"), "fieldtype": "Int", "width": 100},
		{"fieldname": "qty_shipped", "label": _("Shipped"), "fieldtype": "Int", "width": 80},
		{"fieldname": "qty_received", "label": _("Received"), "fieldtype": "Int", "width": 80},
		{"fieldname": "per_received", "label": _("% Received"), "fieldtype": "Percent", "width": 100},
		{
			"fieldname": "purchase_order",
			"label": _("Purchase Order"),
			"fieldtype": "Link",
			"options": "Purchase Order",
			"width": 150,
		},
	]
