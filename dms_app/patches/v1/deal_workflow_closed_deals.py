"""Deal approval workflow on existing sites: Reopen only before the deal is ordered, and a Draft /
Approved deal past quoting shows its own status (Ordered, Delivered…) rather than the approval state.

Only rows still as dms_app created them are changed: an admin's own condition is kept."""

import frappe

from dms_app.vehicle_sales.approval import REOPENABLE, WORKFLOW

SHOW_DEAL_STATUS = ("Draft", "Approved")


def execute():
	if not frappe.db.exists("Workflow", WORKFLOW):
		return
	for row in frappe.get_all(
		"Workflow Transition",
		filters={"parent": WORKFLOW, "parenttype": "Workflow", "action": "Reopen"},
		fields=["name", "condition"],
	):
		if not (row.condition or "").strip():
			frappe.db.set_value("Workflow Transition", row.name, "condition", REOPENABLE)
	frappe.db.set_value(
		"Workflow Document State",
		{"parent": WORKFLOW, "parenttype": "Workflow", "state": ("in", SHOW_DEAL_STATUS)},
		"avoid_status_override",
		1,
	)
	frappe.clear_document_cache("Workflow", WORKFLOW)
	frappe.clear_cache(doctype="Vehicle Deal")
