"""Purchase Order lines not fully received after their schedule date (back-orders)."""

import frappe
from frappe import _

from dms_app.oem_orders.parts import back_orders


def execute(filters=None):
	columns = [
		{
			"fieldname": "purchase_order",
			"label": _("Purchase Order"),
			"fieldtype": "Link",
			"options": "Purchase Order",
			"width": 150,
		},
		{
			"fieldname": "supplier",
			"label": _("Supplier"),
			"fieldtype": "Link",
			"options": "Supplier",
			"width": 160,
		},
		{"fieldname": "parts_order_type", "label": _("Order Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "item_code", "label": _("Part"), "fieldtype": "Link", "options": "Item", "width": 140},
		{"fieldname": "item_name", "label": _("Description"), "fieldtype": "Data", "width": 180},
		{"fieldname": "qty", "label": _("Ordered"), "fieldtype": "Float", "width": 80},
		{"fieldname": "received_qty", "label": _("Received"), "fieldtype": "Float", "width": 80},
		{"fieldname": "pending_qty", "label": _("Back-ordered"), "fieldtype": "Float", "width": 100},
		{"fieldname": "schedule_date", "label": _("Due"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 100},
	]
	if frappe.get_meta("Purchase Order").has_field("repair_order"):
		columns.insert(
			3,
			{
				"fieldname": "repair_order",
				"label": _("Repair Order"),
				"fieldtype": "Link",
				"options": "Repair Order",
				"width": 140,
			},
		)
	return columns, back_orders(filters)
