"""One lifecycle mechanism for the app's stateful documents (Repair Order, OEM Warranty Claim, OEM
Vehicle Order, Vehicle Deal, Service Appointment), in the spirit of ERPNext's status updater.

Two fields, two owners:
- the *milestone* (`status`, a read-only Select) belongs to the code. Ledger, stock and
  linked-document effects hang on it and on docstatus, never on anything an admin can rename;
- the *workflow state* (`workflow_state`) belongs to the admin: labels that may be added, renamed,
  reordered and restricted by role or condition. A state names the milestone it stands for with
  Frappe's own "Update Field / Update Value" on the workflow's state row (status = Completed); a
  state without one (an admin's "Quality Check") is a label and moves no milestone.

Each doctype declares a `Lifecycle`: its milestones, the milestone moves the code allows, the
shipped workflow (generated from it, created once) and its `Effect`s. An effect holds while the
document is at one of its milestones: it is done once when a milestone in its set is reached and
undone once when the document leaves the set (cancel included). Each effect knows whether it is
done from the documents it made, so a repeated save never books twice.

Lifecycles are listed in the `dms_lifecycles` hook. After every migrate, and whenever an admin saves
a Workflow, each workflow is checked against what its lifecycle needs (`workflow_problems`): the
problems are printed by migrate, shown to the admin, and shown on the document's form.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.model.workflow import (
	apply_workflow,
	can_cancel_document,
	get_transitions,
	get_workflow_name,
	has_approval_access,
)


@dataclass(frozen=True)
class Milestone:
	name: str
	docstatus: int = 0
	style: str = ""  # the indicator of the shipped workflow state
	edit_roles: str = "All"  # who may edit the document in the shipped state
	# lists show the document's own status, not the shipped state (Frappe's "Avoid Status Override")
	avoid_status_override: bool = False


@dataclass(frozen=True)
class Step:
	"""A transition of the shipped workflow, between the states named after two milestones."""

	source: str
	action: str
	target: str
	roles: tuple[str, ...]
	condition: str | None = None


@dataclass(frozen=True)
class Effect:
	"""Something outside the document (a ledger entry, a linked document, a record on another
	document) that holds while the document is at one of `milestones`."""

	name: str
	milestones: frozenset[str]
	do: Callable
	undo: Callable
	done: Callable  # doc -> bool, read from what `do` made


@dataclass(frozen=True)
class Lifecycle:
	doctype: str
	workflow: str
	milestones: tuple[Milestone, ...]
	# the milestone moves the code allows, whoever asks: {from: (to, ...)}
	moves: Mapping[str, tuple[str, ...]]
	steps: tuple[Step, ...] = ()
	effects: tuple[Effect, ...] = ()
	# milestones every workflow must lead to, or the document can't complete
	required: tuple[str, ...] = ()
	# milestones a new document may start at besides the first (e.g. an amendment's)
	starts: tuple[str, ...] = ()
	# milestones the code sets itself when the document is submitted or cancelled
	on_submit: str | None = None
	on_cancel: str | None = None
	status_field: str = "status"
	state_field: str = "workflow_state"
	# Frappe's Workflow Actions (the "awaiting my action" list and its emails) for documents entering
	# the shipped states. Off for routine moves that every document makes many times a day: the shipped
	# states are then "optional", so Frappe records no action for them; an admin unticks a state's
	# Is Optional State to have them again.
	workflow_actions: bool = True
	styles: dict = field(default_factory=dict)

	def milestone(self, name: str) -> Milestone | None:
		return next((m for m in self.milestones if m.name == name), None)

	@property
	def first(self) -> str:
		return self.milestones[0].name


def get_lifecycle(doctype: str) -> Lifecycle | None:
	return lifecycles().get(doctype)


def lifecycles() -> dict[str, Lifecycle]:
	found = {}
	for path in frappe.get_hooks("dms_lifecycles", app_name="dms_app"):
		lifecycle = frappe.get_attr(path)
		found[lifecycle.doctype] = lifecycle
	return found


# ---------------------------------------------------------------- the document's side


def validate(doc) -> None:
	"""Refuse a new document past its first milestone, a milestone move the code doesn't allow, and
	one made by editing the status instead of through the workflow. Call from `validate` and
	`before_update_after_submit`."""
	lifecycle = get_lifecycle(doc.doctype)
	before = doc.get_doc_before_save()
	new = doc.get(lifecycle.status_field)
	if not new:
		doc.set(lifecycle.status_field, lifecycle.first)
		return
	if not before:
		# one inserted further on (REST, import, a copy) would skip what the moves there check
		if new not in (lifecycle.first, *lifecycle.starts) and not doc.flags.lifecycle_move:
			frappe.throw(
				_("A new {0} starts as {1}.").format(_(doc.doctype), _(lifecycle.first)),
				title=_("Not allowed"),
			)
		return
	old = before.get(lifecycle.status_field)
	if old == new or old is None:
		return
	if new not in lifecycle.moves.get(old, ()):
		frappe.throw(
			_("{0} {1} cannot go from {2} to {3}.").format(_(doc.doctype), doc.name, _(old), _(new)),
			title=_("Not allowed"),
		)
	if not doc.flags.lifecycle_move and not moved_by_workflow(doc, lifecycle, before):
		frappe.throw(
			_("{0} {1} moves to {2} through its workflow actions, not by editing its status.").format(
				_(doc.doctype), doc.name, _(new)
			),
			title=_("Not allowed"),
		)


def check_through_workflow(doc, docstatus: int) -> None:
	"""With a workflow, submitting and cancelling go through its actions, as in the desk: Frappe
	checks transitions only on save, so a submit or cancel by REST would skip their roles and
	conditions. A workflow with no transition into a cancelled state leaves cancelling to the form.
	Call from `before_submit` (1) and `before_cancel` (2); system moves (`reach`) pass."""
	name = get_workflow_name(doc.doctype)
	if not name or doc.flags.lifecycle_move or (docstatus == 2 and can_cancel_document(doc.doctype)):
		return
	state = state_row(name, doc.get(get_lifecycle(doc.doctype).state_field))
	before = doc.get_doc_before_save()
	if not (
		state
		and before
		and cint_status(state) == docstatus
		and any(t.next_state == state.state for t in get_transitions(before))
	):
		frappe.throw(
			_("{0} {1} is submitted and cancelled through its workflow actions.").format(
				_(doc.doctype), doc.name
			),
			frappe.PermissionError,
		)


def moved_by_workflow(doc, lifecycle: Lifecycle, before) -> bool:
	"""True when the workflow state changed to a state that sets this milestone."""
	name = get_workflow_name(doc.doctype)
	if not name or doc.get(lifecycle.state_field) == before.get(lifecycle.state_field):
		return False
	state = state_row(name, doc.get(lifecycle.state_field))
	return bool(state) and milestone_of(state, lifecycle) == doc.get(lifecycle.status_field)


def reconcile(doc) -> None:
	"""Make each effect hold exactly when the milestone says it should, then show the milestone's
	workflow state. Call after every save (on_update, on_submit, on_update_after_submit, on_cancel)."""
	lifecycle = get_lifecycle(doc.doctype)
	status = doc.get(lifecycle.status_field)
	for effect in reversed(lifecycle.effects):
		if status not in effect.milestones and effect.done(doc):
			effect.undo(doc)
	for effect in lifecycle.effects:
		if status in effect.milestones and not effect.done(doc):
			effect.do(doc)
	sync_state(doc, lifecycle)


def reach(doc, milestone: str, **values):
	"""A move the system makes (a file from the OEM, a submitted Sales Invoice, a customer on the
	portal): set the milestone and save, whoever the user is; the workflow state follows."""
	doc.update(values)
	doc.set(get_lifecycle(doc.doctype).status_field, milestone)
	ignore_permissions = doc.flags.ignore_permissions
	doc.flags.lifecycle_move = doc.flags.ignore_permissions = True
	try:
		doc.save()
	finally:
		# for this save only: a later save of the same object is a user's again
		doc.flags.lifecycle_move, doc.flags.ignore_permissions = False, ignore_permissions
	return doc


def take_action(doc, milestone: str):
	"""As the session user, take the workflow action that leads from the document's state to a state
	standing for `milestone`, as the form's button would (the admin's roles and conditions decide).
	The saved document, or None when the workflow offers the user no such action."""
	transition = action_to(doc, milestone)
	return apply_workflow(doc, transition.action) if transition else None


def action_to(doc, milestone: str):
	"""The session user's workflow transition from the document's state into a state standing for
	`milestone` (its roles, condition and self-approval rule allowing), or None."""
	name = get_workflow_name(doc.doctype)
	if not name:
		return None
	lifecycle = get_lifecycle(doc.doctype)
	for transition in get_transitions(doc):
		row = state_row(name, transition.next_state)
		if (
			row
			and milestone_of(row, lifecycle) == milestone
			and has_approval_access(frappe.session.user, doc, transition)
		):
			return transition
	return None


def submit(doc):
	"""Submit through the user's workflow action that leads to the submit milestone, as the form's
	button does (a direct submit is refused when there is a workflow); `doc` is reloaded."""
	return take(doc, get_lifecycle(doc.doctype).on_submit)


def cancel(doc):
	"""Cancel through the user's workflow action, as the form's button does; `doc` is reloaded."""
	return take(doc, get_lifecycle(doc.doctype).on_cancel)


def take(doc, milestone: str):
	if not take_action(doc, milestone):
		frappe.throw(
			_("No workflow action of yours takes {0} {1} to {2}.").format(
				_(doc.doctype), doc.name, _(milestone)
			),
			frappe.PermissionError,
		)
	doc.reload()
	return doc


def sync_state(doc, lifecycle: Lifecycle | None = None) -> None:
	"""Show the workflow state that stands for the document's milestone, unless it already does.
	A state that names no milestone (an admin's label) is kept while the milestone is unchanged."""
	lifecycle = lifecycle or get_lifecycle(doc.doctype)
	name = get_workflow_name(doc.doctype)
	if not name:
		return
	status = doc.get(lifecycle.status_field)
	current = state_row(name, doc.get(lifecycle.state_field))
	if current and cint_status(current) == doc.docstatus:
		if milestone_of(current, lifecycle) == status:
			return
		before = doc.get_doc_before_save()
		# a label is kept while the milestone is unchanged, and when the workflow has just moved the
		# document into it (an admin's submitted label before the state that sets the submit milestone)
		if (
			not milestone_of(current, lifecycle)
			and before
			and (
				before.get(lifecycle.status_field) == status
				or before.get(lifecycle.state_field) != current.state
			)
		):
			return
	matching = [
		s.state
		for s in frappe.get_cached_doc("Workflow", name).states
		if milestone_of(s, lifecycle) == status and cint_status(s) == doc.docstatus
	]
	if matching and doc.get(lifecycle.state_field) != matching[0]:
		doc.db_set(lifecycle.state_field, matching[0], update_modified=False)


def state_row(workflow: str, state: str | None):
	return next((s for s in frappe.get_cached_doc("Workflow", workflow).states if s.state == state), None)


def milestone_of(state, lifecycle: Lifecycle) -> str | None:
	"""The milestone a workflow state row stands for: the status it sets, if any."""
	if state.update_field == lifecycle.status_field and state.update_value:
		return state.update_value
	return None


def cint_status(state) -> int:
	return int(state.doc_status or 0)


def set_onload_problems(doc) -> None:
	"""Tell the form when the workflow no longer lets this document complete (dms_lifecycle.js)."""
	problems = workflow_problems(get_lifecycle(doc.doctype))
	if problems:
		doc.set_onload("workflow_problems", problems)


# ---------------------------------------------------------------- the shipped workflow


def workflow_dict(lifecycle: Lifecycle) -> dict:
	"""The Workflow shipped for this lifecycle: one state per milestone, named after it and setting
	it; the steps' transitions, one row per role."""
	return {
		"doctype": "Workflow",
		"workflow_name": lifecycle.workflow,
		"document_type": lifecycle.doctype,
		"workflow_state_field": lifecycle.state_field,
		"is_active": 1,
		"send_email_alert": 0,
		"states": [
			{
				"state": m.name,
				"doc_status": str(m.docstatus),
				"allow_edit": m.edit_roles,
				"update_field": lifecycle.status_field,
				"update_value": m.name,
				"avoid_status_override": int(m.avoid_status_override),
				"is_optional_state": int(not lifecycle.workflow_actions),
			}
			for m in lifecycle.milestones
		],
		"transitions": [
			{
				"state": step.source,
				"action": step.action,
				"next_state": step.target,
				"allowed": role,
				"allow_self_approval": 1,
				"condition": step.condition,
			}
			for step in lifecycle.steps
			for role in step.roles
		],
	}


def ensure_workflow(lifecycle: Lifecycle) -> None:
	"""Create the shipped Workflow, its states and actions, unless the doctype has one: from then on
	it is the admin's to change."""
	for milestone in lifecycle.milestones:
		if not frappe.db.exists("Workflow State", milestone.name):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": milestone.name, "style": milestone.style}
			).insert(ignore_permissions=True)
	for action in {step.action for step in lifecycle.steps}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if not frappe.db.exists("Workflow", {"document_type": lifecycle.doctype}):
		frappe.get_doc(workflow_dict(lifecycle)).insert(ignore_permissions=True)


# ---------------------------------------------------------------- checking an admin's workflow


def workflow_problems(lifecycle: Lifecycle, workflow=None) -> list[str]:
	"""What in the doctype's active workflow keeps its documents from what the code needs: a state
	setting an unknown milestone or one of another docstatus, and required milestones no path leads
	to. An empty list when there is no workflow (the form's own buttons then do)."""
	if workflow is None:
		name = get_workflow_name(lifecycle.doctype)
		if not name:
			return []
		workflow = frappe.get_cached_doc("Workflow", name)
	problems = []
	for state in workflow.states:
		milestone = milestone_of(state, lifecycle)
		if state.update_field == lifecycle.status_field and not lifecycle.milestone(milestone or ""):
			problems.append(
				_("State {0} sets {1} to {2}, which is not one of {3}.").format(
					state.state,
					_(lifecycle.status_field.replace("_", " ").title()),
					milestone or _("nothing"),
					", ".join(m.name for m in lifecycle.milestones),
				)
			)
		elif milestone and lifecycle.milestone(milestone).docstatus != cint_status(state):
			problems.append(
				_("State {0} stands for {1}, which needs Doc Status {2}.").format(
					state.state, milestone, lifecycle.milestone(milestone).docstatus
				)
			)
	reached = reachable_milestones(lifecycle, workflow)
	for milestone in lifecycle.required:
		if milestone not in reached:
			problems.append(
				_(
					"No path of workflow {0} leads to {1}: a {2} can't reach it. Add a state that sets {3} to {1} and a transition to it."
				).format(
					workflow.name,
					milestone,
					_(lifecycle.doctype),
					_(lifecycle.status_field.replace("_", " ").title()),
				)
			)
	return problems


def reachable_milestones(lifecycle: Lifecycle, workflow) -> set[str]:
	if not workflow.states:
		return set()
	states = {s.state: s for s in workflow.states}
	seen, queue = set(), [workflow.states[0].state]
	while queue:
		state = queue.pop()
		if state in seen or state not in states:
			continue
		seen.add(state)
		queue.extend(t.next_state for t in workflow.transitions if t.state == state)
	reached = {lifecycle.first}
	for state in seen:
		row = states[state]
		if milestone := milestone_of(row, lifecycle):
			reached.add(milestone)
		if cint_status(row) == 1 and lifecycle.on_submit:
			reached.add(lifecycle.on_submit)
		if cint_status(row) == 2 and lifecycle.on_cancel:
			reached.add(lifecycle.on_cancel)
	return reached


def check_workflows() -> dict[str, list[str]]:
	"""After migrate: every lifecycle's workflow against what the code needs. Printed, never raised:
	an admin's edit must not stop a migrate."""
	found = {}
	for doctype, lifecycle in lifecycles().items():
		try:
			problems = workflow_problems(lifecycle)
		except Exception:
			frappe.log_error(f"dms_app: checking the workflow of {doctype}")
			continue
		if problems:
			found[doctype] = problems
			print(f"dms_app: the workflow of {doctype} needs attention:")
			for problem in problems:
				print(f"  - {problem}")
	return found


def on_workflow_update(workflow, method=None) -> None:
	"""Warn the admin who saves a workflow that leaves documents unable to complete."""
	lifecycle = get_lifecycle(workflow.document_type)
	if not lifecycle or not workflow.is_active:
		return
	problems = workflow_problems(lifecycle, workflow)
	if problems:
		frappe.msgprint(
			"<br>".join(problems),
			title=_("{0} documents may not complete").format(_(workflow.document_type)),
			indicator="orange",
		)


# ---------------------------------------------------------------- existing sites


def upgrade_workflow(lifecycle: Lifecycle) -> None:
	"""For a patch: bring a site's workflow made before lifecycles onto them, keeping the admin's
	states, roles and conditions. The states named after milestones get "Update Field / Value" set to
	them (where their docstatus fits); a workflow that kept its state in the status field moves it to
	the state field, and the documents' states are copied over; milestones the workflow lacks get the
	shipped state and the shipped transitions into it. A doctype without a workflow gets the shipped
	one."""
	name = frappe.db.get_value("Workflow", {"document_type": lifecycle.doctype}, order_by="is_active desc")
	if not name:
		ensure_workflow(lifecycle)
		return
	workflow = frappe.get_doc("Workflow", name)
	table = f"tab{lifecycle.doctype}"
	if workflow.workflow_state_field == lifecycle.status_field:
		workflow.workflow_state_field = lifecycle.state_field
	frappe.db.sql(
		f"""update `{table}` set `{lifecycle.state_field}` = `{lifecycle.status_field}`
		where ifnull(`{lifecycle.state_field}`, '') = ''"""
	)
	names = {s.state for s in workflow.states}
	for state in workflow.states:
		milestone = lifecycle.milestone(state.state)
		if not state.update_field and milestone and milestone.docstatus == cint_status(state):
			state.update_field, state.update_value = lifecycle.status_field, milestone.name
	shipped = workflow_dict(lifecycle)
	for row in shipped["states"]:
		if row["state"] not in names:
			if not frappe.db.exists("Workflow State", row["state"]):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": row["state"]}).insert(
					ignore_permissions=True
				)
			workflow.append("states", row)
			for transition in shipped["transitions"]:
				if transition["next_state"] == row["state"] and transition["state"] in names:
					if not frappe.db.exists("Workflow Action Master", transition["action"]):
						frappe.get_doc(
							{
								"doctype": "Workflow Action Master",
								"workflow_action_name": transition["action"],
							}
						).insert(ignore_permissions=True)
					workflow.append("transitions", transition)
	workflow.flags.ignore_permissions = True
	workflow.save()
