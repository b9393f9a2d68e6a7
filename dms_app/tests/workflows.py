"""Editing a doctype's Workflow as a System Manager would in the desk (add a state in the middle,
rename a state, restrict a transition to another role), undone afterwards: the edits are rolled back
with the test and Frappe's cached copies of the workflow forgotten."""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import get_workflow_name

# submit and cancel a document through its workflow, as the form's buttons do
from dms_app.controllers.lifecycle import cancel, submit


@contextmanager
def edited_workflow(doctype: str):
	"""Yield the doctype's active Workflow to edit; afterwards roll back and forget cached copies."""
	name = get_workflow_name(doctype)
	try:
		yield frappe.get_doc("Workflow", name)
	finally:
		frappe.db.rollback()
		forget(doctype, name)


def forget(doctype: str, workflow: str) -> None:
	frappe.clear_document_cache("Workflow", workflow)
	frappe.cache.hdel("workflow", doctype)
	frappe.clear_cache(doctype=doctype)


def save(workflow) -> None:
	workflow.save()
	forget(workflow.document_type, workflow.name)


def ensure_state(name: str) -> None:
	if not frappe.db.exists("Workflow State", name):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()


def ensure_action(name: str) -> None:
	if not frappe.db.exists("Workflow Action Master", name):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": name}).insert()


def add_state_between(workflow, source: str, target: str, new_state: str, action: str = "Check") -> None:
	"""Put `new_state` (a label: it sets no field) between `source` and `target`: the transitions
	from source to target now lead to it, and a new `action` leads on to target, for the same roles."""
	ensure_state(new_state)
	ensure_action(action)
	old = [t for t in workflow.transitions if t.state == source and t.next_state == target]
	assert old, f"no transition from {source} to {target} in {workflow.name}"
	source_row = next(s for s in workflow.states if s.state == source)
	workflow.append(
		"states",
		{"state": new_state, "doc_status": source_row.doc_status, "allow_edit": source_row.allow_edit},
	)
	for row in old:
		row.next_state = new_state
		workflow.append(
			"transitions",
			{
				"state": new_state,
				"action": action,
				"next_state": target,
				"allowed": row.allowed,
				"allow_self_approval": 1,
				"condition": row.condition,
			},
		)
	save(workflow)


def rename_state(workflow, old: str, new: str) -> None:
	"""Rename a state everywhere in the workflow and on the documents that show it, as an admin
	does with a new Workflow State and a bulk update."""
	ensure_state(new)
	for row in workflow.states:
		if row.state == old:
			row.state = new
	for row in workflow.transitions:
		row.state = new if row.state == old else row.state
		row.next_state = new if row.next_state == old else row.next_state
	save(workflow)
	field = workflow.workflow_state_field
	frappe.db.sql(f"update `tab{workflow.document_type}` set `{field}` = %s where `{field}` = %s", (new, old))


def restrict_action(workflow, action: str, role: str) -> None:
	"""Let only `role` take `action` (one transition row per source state)."""
	kept = {}
	for row in workflow.transitions:
		if row.action == action:
			row.allowed = role
			kept.setdefault((row.state, row.next_state), row)
	workflow.transitions = [
		row
		for row in workflow.transitions
		if row.action != action or kept[(row.state, row.next_state)] is row
	]
	for idx, row in enumerate(workflow.transitions, 1):
		row.idx = idx
	save(workflow)
