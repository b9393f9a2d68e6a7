"""Editable defaults of the OEM Orders area: the order workflow, created when missing, never
overwritten (an admin's changes survive migrate). Its custom fields on ERPNext doctypes are fixtures."""

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


def ensure_defaults(_settings):
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
