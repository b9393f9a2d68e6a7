"""Editable defaults of the OEM Orders area: the order workflow and the custom fields on ERPNext
doctypes. Created when missing, never overwritten (an admin's changes survive migrate)."""

import frappe

from dms_app.setup import defaults

WORKFLOW = "OEM Vehicle Order"
# (state, docstatus, style)
STATES = (
	("Draft", 0, "Danger"),
	("Submitted", 1, "Warning"),
	("Confirmed", 1, "Primary"),
	("VIN Assigned", 1, "Info"),
	("Shipped", 1, "Info"),
	("Received", 1, "Success"),
	("Cancelled", 2, "Inverse"),
)
# (state, action, next state): Assign VINs and Receive are reached by the OEM's file and the
# Purchase Receipt; the buttons explain that when pressed too early.
TRANSITIONS = (
	("Draft", "Submit", "Submitted"),
	("Submitted", "Confirm", "Confirmed"),
	("Confirmed", "Assign VINs", "VIN Assigned"),
	("VIN Assigned", "Ship", "Shipped"),
	("Shipped", "Receive", "Received"),
	*((state, "Cancel", "Cancelled") for state in ("Submitted", "Confirmed", "VIN Assigned", "Shipped")),
)
WORKFLOW_ROLES = ("DMS Manager", "Purchase Manager")
PARTS_ORDER_TYPES = ("Stock", "Urgent (VOR)")


def custom_fields() -> dict:
	fields = {
		"Item": [
			{
				"fieldname": "superseded_by",
				"label": "Superseded By",
				"fieldtype": "Link",
				"options": "Item",
				"insert_after": "is_vehicle",
				"description": "The OEM part number that replaces this one; orders and sales follow it.",
			},
			{
				"fieldname": "supersession_date",
				"label": "Superseded On",
				"fieldtype": "Date",
				"insert_after": "superseded_by",
				"depends_on": "superseded_by",
			},
		],
		"Purchase Order": [
			{
				"fieldname": "parts_order_type",
				"label": "Parts Order Type",
				"fieldtype": "Select",
				"options": "\n" + "\n".join(PARTS_ORDER_TYPES),
				"insert_after": "supplier",
				"in_standard_filter": 1,
				"allow_on_submit": 0,
			},
			{
				"fieldname": "oem_vehicle_order",
				"label": "OEM Vehicle Order",
				"fieldtype": "Link",
				"options": "OEM Vehicle Order",
				"insert_after": "parts_order_type",
				"read_only": 1,
				"no_copy": 1,
			},
		],
	}
	if frappe.db.exists("DocType", "Repair Order"):
		fields["Purchase Order"].append(
			{
				"fieldname": "repair_order",
				"label": "Repair Order",
				"fieldtype": "Link",
				"options": "Repair Order",
				"insert_after": "oem_vehicle_order",
				"depends_on": "eval:doc.parts_order_type=='Urgent (VOR)'",
				"mandatory_depends_on": "eval:doc.parts_order_type=='Urgent (VOR)'",
				"in_standard_filter": 1,
			}
		)
	return fields


def ensure_defaults(_settings):
	defaults.ensure_custom_fields(custom_fields())
	ensure_workflow()


def ensure_workflow():
	defaults.ensure_workflow(
		{
			"workflow_name": WORKFLOW,
			"document_type": "OEM Vehicle Order",
			"workflow_state_field": "workflow_state",
			"states": [
				# who may edit is left to the doctype's permissions
				{"state": state, "doc_status": str(docstatus), "allow_edit": "All"}
				for state, docstatus, _style in STATES
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": nxt,
					"allowed": role,
					"allow_self_approval": 1,
				}
				for state, action, nxt in TRANSITIONS
				for role in WORKFLOW_ROLES
			],
		},
		styles={state: style for state, _docstatus, style in STATES},
	)
