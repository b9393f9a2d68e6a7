"""The lifecycle mechanism on its own: the shipped workflow it generates, and what it finds wrong in
an admin's workflow (each doctype's own tests edit its real workflow)."""

import frappe
import pytest

from dms_app.controllers import lifecycle
from dms_app.controllers.lifecycle import Lifecycle, Milestone, Step

JOB = Lifecycle(
	doctype="ToDo",
	workflow="Test Job",
	milestones=(
		Milestone("Open"),
		Milestone("Done", docstatus=1),
		Milestone("Billed", docstatus=1),
		Milestone("Cancelled", docstatus=2),
	),
	moves={"Open": ("Done",), "Done": ("Billed", "Cancelled"), "Billed": ("Cancelled",)},
	steps=(
		Step("Open", "Finish", "Done", ("System Manager", "Employee")),
		Step("Done", "Bill", "Billed", ("Accounts User",), "doc.amount"),
	),
	required=("Done", "Billed"),
	on_submit="Done",
	on_cancel="Cancelled",
)


def workflow(data: dict):
	return frappe.get_doc(data)


def test_shipped_workflow_names_each_milestone_and_one_transition_per_role():
	data = lifecycle.workflow_dict(JOB)
	assert [(s["state"], s["doc_status"], s["update_field"], s["update_value"]) for s in data["states"]] == [
		("Open", "0", "status", "Open"),
		("Done", "1", "status", "Done"),
		("Billed", "1", "status", "Billed"),
		("Cancelled", "2", "status", "Cancelled"),
	]
	assert [(t["state"], t["action"], t["allowed"], t["condition"]) for t in data["transitions"]] == [
		("Open", "Finish", "System Manager", None),
		("Open", "Finish", "Employee", None),
		("Done", "Bill", "Accounts User", "doc.amount"),
	]
	assert data["workflow_state_field"] == "workflow_state"


def test_the_shipped_workflow_has_no_problems():
	assert lifecycle.workflow_problems(JOB, workflow(lifecycle.workflow_dict(JOB))) == []


def test_an_added_label_state_and_a_renamed_state_are_fine():
	data = lifecycle.workflow_dict(JOB)
	data["states"].insert(1, {"state": "Quality Check", "doc_status": "0"})
	data["states"][2]["state"] = "Ready for Pickup"  # was Done: still sets status = Done
	data["transitions"] = [
		{"state": "Open", "action": "Check", "next_state": "Quality Check", "allowed": "Employee"},
		{
			"state": "Quality Check",
			"action": "Finish",
			"next_state": "Ready for Pickup",
			"allowed": "Employee",
		},
		{"state": "Ready for Pickup", "action": "Bill", "next_state": "Billed", "allowed": "Accounts User"},
	]
	assert lifecycle.workflow_problems(JOB, workflow(data)) == []


def test_a_workflow_with_no_path_to_a_required_milestone_is_reported():
	data = lifecycle.workflow_dict(JOB)
	data["transitions"] = [t for t in data["transitions"] if t["action"] != "Bill"]
	problems = lifecycle.workflow_problems(JOB, workflow(data))
	assert len(problems) == 1 and "Billed" in problems[0]


def test_submitting_reaches_the_submit_milestone_whatever_the_state_is_called():
	data = lifecycle.workflow_dict(JOB)
	data["states"][1].update(state="Handed Over", update_field=None, update_value=None)
	for t in data["transitions"]:
		t["state"] = "Handed Over" if t["state"] == "Done" else t["state"]
		t["next_state"] = "Handed Over" if t["next_state"] == "Done" else t["next_state"]
	assert lifecycle.workflow_problems(JOB, workflow(data)) == []


@pytest.mark.parametrize(
	"change, expected",
	[
		({"update_value": "Finished"}, "Finished"),  # a milestone the code doesn't know
		({"doc_status": "0"}, "Doc Status"),  # Billed is a submitted milestone
	],
)
def test_a_state_that_misnames_its_milestone_is_reported(change, expected):
	data = lifecycle.workflow_dict(JOB)
	data["states"][2].update(change)
	problems = lifecycle.workflow_problems(JOB, workflow(data))
	assert any(expected in p for p in problems), problems


def test_check_workflows_reports_and_never_raises(monkeypatch, capsys):
	monkeypatch.setattr(lifecycle, "lifecycles", lambda: {"ToDo": JOB})
	monkeypatch.setattr(lifecycle, "workflow_problems", lambda lc: ["the problem"])
	assert lifecycle.check_workflows() == {"ToDo": ["the problem"]}
	assert "the problem" in capsys.readouterr().out

	def broken(lc):
		raise ValueError("broken workflow")

	monkeypatch.setattr(lifecycle, "workflow_problems", broken)
	assert lifecycle.check_workflows() == {}


def test_every_registered_lifecycle_ships_a_workflow_without_problems():
	for doctype, registered in lifecycle.lifecycles().items():
		assert lifecycle.workflow_problems(registered, workflow(lifecycle.workflow_dict(registered))) == [], (
			doctype
		)
		assert set(registered.moves) <= {m.name for m in registered.milestones}
		for step in registered.steps:
			assert registered.milestone(step.source) and registered.milestone(step.target), step
			assert step.target in registered.moves.get(step.source, ()), step


def test_every_registered_lifecycle_has_its_workflow_on_the_site_and_it_is_sound():
	for doctype, registered in lifecycle.lifecycles().items():
		assert frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}), doctype
		assert lifecycle.workflow_problems(registered) == [], doctype
