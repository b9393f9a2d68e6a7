"""Repair orders on existing sites move onto their lifecycle (dms_app/service/repair_order_lifecycle.py).

Before, the Workflow "Repair Order" kept its state in `status` and every state was a draft; now
completing an order submits it. Nothing is booked again and no ledger entry changes:

- Completed, Invoiced and Closed orders (and their lines) become submitted by SQL: their
  completion and invoice were booked when they got there, and no on_submit runs;
- Cancelled drafts (abandoned before completion) become Voided;
- the old workflow can't be kept (its Reopen took a Completed order back to In Progress, which a
  submitted order can't do): it is replaced by the shipped one, and what it was is printed;
- each order shows the workflow state of its milestone.
"""

import frappe

from dms_app.controllers import lifecycle
from dms_app.service.repair_order_lifecycle import LIFECYCLE
from dms_app.service.repair_orders import CANCELLED, CLOSED, COMPLETED, INVOICED, VOIDED

DOCTYPE = "Repair Order"
CHILDREN = (
	"Repair Order Job",
	"Repair Order Labour",
	"Repair Order Part",
	"Repair Order Sublet",
	"Repair Order Inspection",
)


def execute():
	frappe.db.sql(
		"update `tabRepair Order` set status = %s where status = %s and docstatus = 0", (VOIDED, CANCELLED)
	)
	done = frappe.get_all(
		DOCTYPE, filters={"status": ("in", (COMPLETED, INVOICED, CLOSED)), "docstatus": 0}, pluck="name"
	)
	if done:
		frappe.db.sql("update `tabRepair Order` set docstatus = 1 where name in %s", (done,))
		for child in CHILDREN:
			frappe.db.sql(
				f"""update `tab{child}` set docstatus = 1
				where parenttype = %s and parent in %s""",
				(DOCTYPE, done),
			)
	old = {"document_type": DOCTYPE, "workflow_state_field": "status"}
	for name in frappe.get_all("Workflow", filters=old, pluck="name"):
		replace(frappe.get_doc("Workflow", name))
	lifecycle.ensure_workflow(LIFECYCLE)
	frappe.cache.hdel("workflow", DOCTYPE)
	frappe.clear_cache(doctype=DOCTYPE)
	show_milestones()


def replace(workflow) -> None:
	print(
		f"dms_app: the workflow {workflow.name!r} of repair orders kept its state in Status, all of it in "
		"drafts; completing an order now submits it. It is replaced by the shipped workflow. It was:"
	)
	print("  states: " + ", ".join(f"{s.state} (edit: {s.allow_edit})" for s in workflow.states))
	for t in workflow.transitions:
		condition = f" if {t.condition}" if t.condition else ""
		print(f"  {t.state} --{t.action}--> {t.next_state}: {t.allowed}{condition}")
	frappe.delete_doc("Workflow", workflow.name, ignore_permissions=True, force=True)


def show_milestones() -> None:
	"""Each order at the state standing for its milestone, unless it shows one already (or a label
	of its docstatus: a state an admin added that stands for no milestone)."""
	name = frappe.db.get_value("Workflow", {"document_type": DOCTYPE, "is_active": 1})
	if not name:
		return
	states = frappe.get_doc("Workflow", name).states
	for milestone in LIFECYCLE.milestones:
		fitting = [
			s.state
			for s in states
			if lifecycle.cint_status(s) == milestone.docstatus
			and lifecycle.milestone_of(s, LIFECYCLE) in (milestone.name, None)
		]
		target = next(
			(
				s.state
				for s in states
				if lifecycle.milestone_of(s, LIFECYCLE) == milestone.name
				and lifecycle.cint_status(s) == milestone.docstatus
			),
			None,
		)
		if target:
			frappe.db.sql(
				"""update `tabRepair Order` set workflow_state = %s
				where status = %s and ifnull(workflow_state, '') not in %s""",
				(target, milestone.name, tuple(fitting) or ("",)),
			)
