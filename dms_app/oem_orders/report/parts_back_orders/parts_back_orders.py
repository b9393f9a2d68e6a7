"""Purchase Order lines not fully received after their schedule date (back-orders).
Left out: draft, cancelled, closed, on-hold and completed orders; with Parts only, also the purchase
orders made for OEM vehicle orders."""

import frappe

from dms_app.controllers import reports
from dms_app.oem_orders.parts import back_orders


def execute(filters=None):
	return columns(), back_orders(filters)


def columns():
	result = [
		reports.purchase_order(),
		reports.oem_supplier("Supplier"),
		reports.column("Order Type", "parts_order_type", width=110),
		reports.column("Part", "item_code", "Link", "Item", 140),
		reports.column("Description", "item_name", width=180),
		reports.column("Ordered", "qty", "Float", width=80),
		reports.column("Received", "received_qty", "Float", width=80),
		reports.column("Back-ordered", "pending_qty", "Float", width=100),
		reports.column("Due", "schedule_date", "Date", width=100),
		reports.column("Days Overdue", "days_overdue", "Int", width=100),
	]
	if frappe.get_meta("Purchase Order").has_field("repair_order"):
		result.insert(3, reports.repair_order())
	return result
