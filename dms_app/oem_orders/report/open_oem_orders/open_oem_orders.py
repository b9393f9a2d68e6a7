"""Submitted OEM vehicle orders not yet fully received, with each stage's count, by status.
Left out: drafts, and orders received in full or cancelled."""

import frappe
from frappe import _

from dms_app.controllers import reports
from dms_app.oem_orders.progress import STAGES

OPEN = STAGES[:-1]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"docstatus": 1, "status": ("in", OPEN)}
	for field in ("company", "supplier", "status"):
		if filters.get(field):
			conditions[field] = filters[field]
	rows = frappe.get_list(
		"OEM Vehicle Order",
		filters=conditions,
		fields=[
			"name",
			"status",
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
	rows.sort(key=lambda row: OPEN.index(row.status))
	counts = {stage: sum(1 for row in rows if row.status == stage) for stage in OPEN}
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
		reports.oem_order("name", 160),
		reports.column("Status", "status", width=110),
		reports.oem_supplier(width=180),
		reports.column("OEM Order No", "oem_order_no"),
		reports.column("Ordered On", "transaction_date", "Date", width=100),
		reports.column("Ordered", "total_qty", "Int", width=80),
		reports.column("Confirmed", "qty_confirmed", "Int", width=90),
		reports.column("VIN Assigned", "qty_vin_assigned", "Int", width=100),
		reports.column("Shipped", "qty_shipped", "Int", width=80),
		reports.column("Received", "qty_received", "Int", width=80),
		reports.column("% Received", "per_received", "Percent", width=100),
		reports.purchase_order(),
	]
