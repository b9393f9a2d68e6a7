"""Repair Order rules: line defaults and totals, customer approval of added work, parts
reservation, the checks of each milestone and what completing a repair order books.

The order's lifecycle is dms_app/service/repair_order_lifecycle.py: its milestones (`status`) are the code's,
and completing the order submits it, whatever the admin calls the workflow's states. The Workflow
"Repair Order" (generated from the lifecycle, then the admin's) decides who may move an order and
when; this module decides whether the order is fit for the milestone it moves to. What completion
and invoicing book (ERPNext Stock Entry, Journal Entry, Sales Invoice) are the lifecycle's effects,
done once when the order reaches them and undone once when it leaves them (cancel included)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import (
	apply_workflow,
	get_workflow,
	get_workflow_name,
	is_transition_condition_satisfied,
)
from frappe.utils import cint, flt, get_datetime, getdate, now_datetime

from dms_app.controllers import lifecycle

OPEN, IN_PROGRESS, WAITING_PARTS, WAITING_APPROVAL = (
	"Open",
	"In Progress",
	"Waiting Parts",
	"Waiting Approval",
)
COMPLETED, INVOICED, CLOSED = "Completed", "Invoiced", "Closed"
VOIDED, CANCELLED = "Voided", "Cancelled"
# the milestones of an order being worked on: lines, parts, clocks and decisions may change
WORKING = (OPEN, IN_PROGRESS, WAITING_PARTS, WAITING_APPROVAL)
LINE_TABLES = ("labour", "parts", "sublets")
LINE_LABELS = {"labour": "Labour", "parts": "Parts", "sublets": "Sublet"}
# what an amendment must not carry over from its cancelled order: it is booked anew on completion
NOT_CARRIED = ("completed_on", "sales_invoice", "consumption_stock_entry", "internal_journal_entry")


def settings():
	return frappe.get_cached_doc("DMS Settings")


def workshop_warehouse() -> str:
	warehouse = frappe.db.get_single_value("DMS Settings", "workshop_warehouse")
	if not warehouse:
		frappe.throw(_("Set the Workshop warehouse in DMS Settings first."))
	return warehouse


def lines(doc, include_declined=False):
	"""(table, row) for every labour, part and sublet line."""
	for table in LINE_TABLES:
		for row in doc.get(table) or []:
			if include_declined or row.approval_status != "Declined":
				yield table, row


# ---------------------------------------------------------------- validate


def validate(doc):
	before = doc.get_doc_before_save()
	if before and before.status == VOIDED:
		frappe.throw(_("Repair order {0} is voided: it can no longer change.").format(doc.name))
	if doc.is_new():
		start(doc)
	lifecycle.validate(doc)
	check_draft_milestone(doc)
	set_defaults(doc)
	validate_lines(doc)
	apply_approvals(doc, before)
	compute_totals(doc)
	if before and doc.status != before.status:
		check_move(doc)
	reserve_parts(doc)


def start(doc):
	"""A new order starts Open at the workflow's first state; an amendment carries on the work of
	the order it replaces (In Progress), with nothing of its completion."""
	doc.status = IN_PROGRESS if doc.amended_from else OPEN
	doc.workflow_state = None
	for field in NOT_CARRIED:
		doc.set(field, None)


def check_draft_milestone(doc):
	"""A milestone reached by submitting (Completed and after) is never that of a draft: a workflow
	state that sets it with Doc Status 0 must not book a completion the ledgers can't cancel."""
	from dms_app.service.repair_order_lifecycle import LIFECYCLE

	milestone = LIFECYCLE.milestone(doc.status)
	if doc.docstatus == 0 and milestone and milestone.docstatus != 0:
		frappe.throw(
			_(
				"Repair order {0} reaches {1} by being submitted: give its workflow state Doc Status {2}."
			).format(doc.name, _(doc.status), milestone.docstatus),
			title=_("Workflow needs attention"),
		)


def set_defaults(doc):
	dms = settings()
	doc.company = doc.company or dms.company or frappe.defaults.get_global_default("company")
	if not doc.customer and doc.vehicle:
		doc.customer = frappe.db.get_value("Motor Vehicle", doc.vehicle, "customer")
	if not doc.odometer_in and doc.vehicle:
		doc.odometer_in = cint(frappe.db.get_value("Motor Vehicle", doc.vehicle, "odometer"))
	model = frappe.db.get_value("Motor Vehicle", doc.vehicle, "model") if doc.vehicle else None
	for row in doc.labour or []:
		if row.labour_operation:
			operation = frappe.get_cached_doc("Labour Operation", row.labour_operation)
			row.description = row.description or operation.description
			if not row.flat_hours:
				row.flat_hours = operation_hours(row.labour_operation, model, row.pay_type)
			if not row.rate:
				row.rate = flt(operation.labour_rate)
		row.amount = flt(flt(row.flat_hours) * flt(row.rate), row.precision("amount"))
	for row in doc.parts or []:
		row.warehouse = row.warehouse or dms.parts_warehouse
		if not row.rate and row.item_code:
			row.rate = selling_rate(row.item_code)
		row.amount = flt(flt(row.qty) * flt(row.rate), row.precision("amount"))
	for row in doc.sublets or []:
		if not row.amount:
			row.amount = flt(row.cost)


def operation_hours(operation: str, model: str | None, pay_type: str) -> float:
	"""Flat-rate hours for the vehicle's model from the time guide (the OEM's hours for warranty)."""
	from dms_app.service.labour import flat_hours

	return flat_hours(operation, model, warranty=pay_type == "Warranty")


def selling_rate(item_code: str) -> float:
	price_list = frappe.db.get_single_value("Selling Settings", "selling_price_list") or "Standard Selling"
	rate = frappe.db.get_value(
		"Item Price", {"item_code": item_code, "price_list": price_list, "selling": 1}, "price_list_rate"
	)
	return flt(rate or frappe.db.get_value("Item", item_code, "standard_rate"))


def validate_lines(doc):
	errors = []
	job_nos = [cint(job.job_no) for job in doc.jobs or []]
	if len(set(job_nos)) != len(job_nos):
		errors.append(_("Job numbers must be unique."))
	for table, row in lines(doc, include_declined=True):
		where = _("{0} row {1}").format(_(LINE_LABELS[table]), row.idx)
		if cint(row.job_no) not in job_nos:
			errors.append(_("{0}: job {1} does not exist on this repair order.").format(where, row.job_no))
		if table == "parts" and flt(row.qty) <= 0:
			errors.append(_("{0}: quantity must be greater than zero.").format(where))
		if table == "parts" and flt(row.issued_qty) > flt(row.qty):
			errors.append(
				_("{0}: quantity cannot go below the {1} already issued; return parts first.").format(
					where, flt(row.issued_qty)
				)
			)
		for field in ("flat_hours", "rate", "cost", "amount"):
			if flt(row.get(field)) < 0:
				errors.append(_("{0}: {1} cannot be negative.").format(where, _(row.meta.get_label(field))))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Repair order lines are not valid"))


# ---------------------------------------------------------------- approvals


def apply_approvals(doc, before):
	"""New customer-pay lines are Proposed; warranty and internal lines need no customer decision.
	The first move out of Open is the customer's authorisation of the estimate: Proposed lines
	become Approved then; lines added afterwards, and approved lines the customer would now pay
	more for, wait for decide_lines()."""
	previous = {}
	if before:
		for _table, row in lines(before, include_declined=True):
			previous[row.name] = row
	user, now = frappe.session.user, now_datetime()
	for _table, row in lines(doc, include_declined=True):
		old = previous.get(row.name)
		if old and row.approval_status != old.approval_status and not doc.flags.deciding_lines:
			frappe.throw(
				_("Row {0}: record the customer's decision with Record Customer Decision.").format(row.idx)
			)
		if old and needs_new_approval(old, row):
			row.approval_status = row.approved_by = row.approved_on = None
			if row.meta.has_field("decided_via"):
				row.decided_via = None
		if not row.approval_status:
			if row.pay_type != "Customer":
				mark(row, "Approved", user, now, "Desk")
			else:
				row.approval_status = "Proposed"
	authorising = not doc.customer_authorised_on and doc.status not in (OPEN, VOIDED)
	if authorising:
		doc.customer_authorised_on = now
		for _table, row in lines(doc):
			if row.approval_status == "Proposed":
				mark(row, "Approved", user, now, "Desk")


def needs_new_approval(old, row) -> bool:
	"""An approved line the customer now pays more for (a higher amount, or moved to customer pay)
	goes back to the customer."""
	return (
		old.approval_status == "Approved"
		and row.pay_type == "Customer"
		and (old.pay_type != "Customer" or flt(row.amount) > flt(old.amount))
	)


def mark(row, decision, user, when, via):
	row.approval_status = decision
	row.approved_by = user
	row.approved_on = when
	if row.meta.has_field("decided_via"):
		row.decided_via = via


def compute_totals(doc):
	totals = dict.fromkeys(
		(
			"labour_total",
			"parts_total",
			"sublet_total",
			"customer_total",
			"warranty_total",
			"internal_total",
			"proposed_total",
		),
		0.0,
	)
	table_total = {"labour": "labour_total", "parts": "parts_total", "sublets": "sublet_total"}
	for table, row in lines(doc):
		amount = flt(row.amount)
		if row.approval_status == "Proposed":
			totals["proposed_total"] += amount
			continue
		totals[table_total[table]] += amount
		totals[f"{row.pay_type.lower()}_total"] += amount
	doc.update(totals)
	doc.proposed_lines = len(proposed_lines(doc))
	doc.customer_lines = len(customer_lines(doc))
	for item in doc.inspection or []:
		item.deferred = cint(item.rating in ("Amber", "Red") and item.customer_decision == "Declined")


def proposed_lines(doc) -> list:
	return [row for _t, row in lines(doc) if row.approval_status == "Proposed"]


def customer_lines(doc) -> list:
	return [
		(t, row) for t, row in lines(doc) if row.approval_status == "Approved" and row.pay_type == "Customer"
	]


# ---------------------------------------------------------------- parts reservation


def reserve_parts(doc):
	"""Reserve outstanding approved parts against free stock in their source warehouse (stock on
	hand less what other open repair orders already reserved there)."""
	for row in doc.parts or []:
		outstanding = flt(row.qty) - flt(row.issued_qty)
		if doc.status not in WORKING or row.approval_status != "Approved" or outstanding <= 0:
			row.reserved_qty = 0
			continue
		on_hand = flt(
			frappe.db.get_value("Bin", {"item_code": row.item_code, "warehouse": row.warehouse}, "actual_qty")
		)
		reserved_elsewhere = flt(
			frappe.db.sql(
				"""select sum(p.reserved_qty) from `tabRepair Order Part` p
				join `tabRepair Order` ro on ro.name = p.parent
				where p.item_code = %s and p.warehouse = %s and ro.name != %s and ro.status in %s""",
				(row.item_code, row.warehouse, doc.name or "", WORKING),
			)[0][0]
		)
		row.reserved_qty = max(0.0, min(outstanding, on_hand - reserved_elsewhere))


# ---------------------------------------------------------------- milestones


def check_move(doc):
	"""A draft order's move to another working milestone, or to Voided."""
	if doc.status == VOIDED:
		check_can_void(doc)
	elif doc.status == WAITING_APPROVAL and not proposed_lines(doc):
		frappe.throw(_("No line of {0} is waiting for the customer's decision.").format(doc.name))


def check_can_void(doc):
	issued = [row.idx for row in doc.parts or [] if flt(row.issued_qty) > 0]
	if issued:
		frappe.throw(
			_("Parts rows {0} are issued to the workshop: return them before voiding {1}.").format(
				", ".join(map(str, issued)), doc.name
			)
		)
	if open_clocks(doc.name):
		frappe.throw(_("Technicians are still clocked on {0}.").format(doc.name))


def check_can_complete(doc):
	errors = []
	waiting = proposed_lines(doc)
	if waiting:
		errors.append(
			_("{0} line(s) still wait for the customer's decision (approve or decline them).").format(
				len(waiting)
			)
		)
	for row in doc.parts or []:
		if row.approval_status == "Approved" and flt(row.issued_qty) != flt(row.qty):
			errors.append(
				_("Parts row {0}: {1} of {2} {3} issued.").format(
					row.idx, flt(row.issued_qty), flt(row.qty), row.item_code
				)
			)
	clocks = open_clocks(doc.name)
	if clocks:
		errors.append(_("Technicians still clocked on: {0}.").format(", ".join(clocks)))
	if not doc.odometer_out:
		doc.odometer_out = doc.odometer_in
	if cint(doc.odometer_out) < cint(doc.odometer_in):
		errors.append(
			_("Odometer out ({0}) is below odometer in ({1}).").format(doc.odometer_out, doc.odometer_in)
		)
	if errors:
		frappe.throw("<br>".join(errors), title=_("Repair order {0} cannot be completed").format(doc.name))


def check_can_invoice(doc):
	if not customer_lines(doc):
		frappe.throw(_("Repair order {0} has no customer-pay lines to invoice; close it.").format(doc.name))


def open_clocks(repair_order: str) -> list[str]:
	return frappe.get_all(
		"Technician Time Log",
		filters={"repair_order": repair_order, "end": ("is", "not set")},
		pluck="employee",
	)


def submitted_invoices(repair_order: str) -> list[str]:
	return frappe.get_all(
		"Sales Invoice", filters={"repair_order": repair_order, "docstatus": 1}, pluck="name"
	)


def check_allowed_move(doc, target: str):
	"""The lifecycle's moves for a submit or cancel, which `lifecycle.validate` doesn't see."""
	from dms_app.service.repair_order_lifecycle import LIFECYCLE

	before = doc.get_doc_before_save()
	if before and target not in LIFECYCLE.moves.get(before.status, ()):
		frappe.throw(
			_("{0} {1} cannot go from {2} to {3}.").format(
				_(doc.doctype), doc.name, _(before.status), _(target)
			),
			title=_("Not allowed"),
		)


# ---------------------------------------------------------------- submit, update, cancel


def before_submit(doc):
	"""Completing is submitting, whatever the workflow's state is called: the milestone is
	Completed once the order is fit for it. Asked to invoice too (`complete`), the same save
	reaches Invoiced when the user's workflow invoices straight from the state completing reaches:
	the Invoice action's roles and conditions decide, as its button would after."""
	lifecycle.check_through_workflow(doc, 1)
	check_allowed_move(doc, COMPLETED)
	doc.status = COMPLETED
	check_can_complete(doc)
	doc.completed_on = now_datetime()
	reserve_parts(doc)  # nothing stays reserved for a completed order
	if doc.flags.invoice_on_completion and customer_lines(doc) and lifecycle.action_to(doc, INVOICED):
		doc.status = INVOICED  # the lifecycle's effects book the completion, then the invoice


def before_update_after_submit(doc):
	lifecycle.validate(doc)
	before = doc.get_doc_before_save()
	if doc.status == INVOICED and before.status != INVOICED:
		check_can_invoice(doc)


def before_cancel(doc):
	"""Cancelling a completed order reverses what completion booked (the lifecycle's effects); an
	amendment then carries the work on. An invoiced order keeps its bookings until its invoice is
	cancelled."""
	lifecycle.check_through_workflow(doc, 2)
	invoices = submitted_invoices(doc.name)
	if invoices:
		frappe.throw(
			_("Cancel Sales Invoice {0} before cancelling repair order {1}.").format(
				", ".join(invoices), doc.name
			),
			title=_("Invoiced"),
		)
	check_allowed_move(doc, CANCELLED)
	doc.status = CANCELLED
	# parts issued to the workshop and a parts order for the job carry over to the amendment
	doc.ignore_linked_doctypes = ("Stock Entry", "Purchase Order")


def on_update(doc):
	before = doc.get_doc_before_save()
	if doc.service_appointment and (not before or before.service_appointment != doc.service_appointment):
		from dms_app.service.appointments import link_repair_order

		link_repair_order(doc.service_appointment, doc.name)
	lifecycle.reconcile(doc)


def on_submit(doc):
	from dms_app.service.appointments import complete_for_repair_order

	lifecycle.reconcile(doc)
	update_vehicle(doc)
	complete_for_repair_order(doc.name)


def update_vehicle(doc):
	"""Record the visit on the Motor Vehicle: last service, odometer, next service due."""
	from dms_app.service.service_due import record_service

	record_service(doc.vehicle, getdate(get_datetime(doc.completed_on)), cint(doc.odometer_out))


# ---------------------------------------------------------------- amendment


def carry_over(doc):
	"""An amendment carries on its cancelled order's work, row for row: the parts issued to the
	workshop, the technicians' clockings and a parts order now belong to it."""
	from dms_app.service.parts import recount
	from dms_app.service.time_logs import update_actual_hours

	cancelled = frappe.get_doc("Repair Order", doc.amended_from)
	rows = matching_rows(cancelled, doc)
	left = [row for row in cancelled.parts if flt(row.issued_qty) > 0 and row.name not in rows]
	if left:
		frappe.throw(
			_("Parts rows {0} of {1} are issued to the workshop: keep them on the amended order.").format(
				", ".join(str(row.idx) for row in left), cancelled.name
			)
		)
	for old, new in rows.items():
		frappe.db.sql(
			"""update `tabStock Entry Detail` d join `tabStock Entry` se on se.name = d.parent
			set d.repair_order_part = %(new)s
			where se.repair_order = %(order)s and se.purpose = 'Material Transfer'
			and d.repair_order_part = %(old)s""",
			{"new": new, "old": old, "order": cancelled.name},
		)
		logs = frappe.get_all("Technician Time Log", filters={"labour_row": old}, pluck="name")
		for log in logs:
			frappe.db.set_value(
				"Technician Time Log",
				log,
				{"repair_order": doc.name, "labour_row": new},
				update_modified=False,
			)
		if logs:
			update_actual_hours(frappe._dict(labour_row=new))
	for doctype, purpose in (("Stock Entry", "Material Transfer"), ("Purchase Order", None)):
		filters = {"repair_order": cancelled.name, **({"purpose": purpose} if purpose else {})}
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.db.set_value(doctype, name, "repair_order", doc.name, update_modified=False)
	recount(cancelled.name)
	recount(doc.name)


def matching_rows(cancelled, amendment) -> dict[str, str]:
	"""{cancelled row: amendment row} for the labour and parts lines: the row the desk's Amend
	copied it from, else the row in the same place with the same part or operation."""
	found = {}
	for table, key in (("labour", "labour_operation"), ("parts", "item_code")):
		old_rows = cancelled.get(table)
		names = {row.name for row in old_rows}
		for position, row in enumerate(amendment.get(table)):
			source = row.get("_amended_from")
			if source not in names:
				same = position < len(old_rows) and old_rows[position].get(key) == row.get(key)
				source = old_rows[position].name if same else None
			if source:
				found[source] = row.name
	return found


# ---------------------------------------------------------------- moves


def move_to(repair_order, milestone: str, invoice_on_completion: bool = False):
	"""Take the workflow actions that bring the order (its name, or the order just saved) to
	`milestone`, as this user: a transition into a state that stands for it, through states that
	stand for none (an admin's "Quality Check") when the user may take those too. When the user's
	roles allow the moves but a condition fails, the order's own check says why.
	`invoice_on_completion`: the completing save also invoices when it may (before_submit)."""
	doc = repair_order if isinstance(repair_order, Document) else frappe.get_doc("Repair Order", repair_order)
	if doc.status == milestone:
		frappe.throw(
			_("Repair order {0} is already {1}.").format(doc.name, _(milestone)), title=_("Already done")
		)
	if not get_workflow_name(doc.doctype):
		frappe.throw(_("Repair orders move through a workflow: activate one for Repair Order."))
	actions = workflow_path(doc, milestone)
	if actions:
		doc.flags.invoice_on_completion = invoice_on_completion
		try:
			for action in actions:
				# the workflow's roles decide the move: an accountant may invoice without editing rights
				doc.flags.ignore_permissions = True
				doc = apply_workflow(doc, action)
		finally:
			doc.flags.invoice_on_completion = False
		if milestone == COMPLETED and doc.status == INVOICED:
			doc.add_comment("Workflow", _(doc.workflow_state))  # invoiced by the same save: its move too
		return doc
	if workflow_path(doc, milestone, conditions=False):
		explain(doc, milestone)
		frappe.throw(
			_("Repair order {0} cannot move from {1} to {2} yet.").format(
				doc.name, _(doc.status), _(milestone)
			)
		)
	frappe.throw(
		_("You cannot move repair order {0} from {1} to {2}.").format(doc.name, _(doc.status), _(milestone)),
		frappe.PermissionError,
	)


def workflow_path(doc, milestone: str, conditions: bool = True) -> list[str] | None:
	"""The actions this user can take, one after another, to bring `doc` to `milestone`."""
	workflow = get_workflow(doc.doctype)
	roles = set(frappe.get_roles())
	states = {row.state: row for row in workflow.states}
	queue, seen = [(doc.workflow_state, [])], {doc.workflow_state}
	while queue:
		state, actions = queue.pop(0)
		for transition in workflow.transitions:
			target = states.get(transition.next_state)
			if (
				transition.state != state
				or transition.allowed not in roles
				or not target
				or target.state in seen
				or (conditions and not is_transition_condition_satisfied(transition, doc))
			):
				continue
			reached = reached_by(doc, target)
			if reached == milestone:
				return [*actions, transition.action]
			if reached is None:
				seen.add(target.state)
				queue.append((target.state, [*actions, transition.action]))
	return None


def reached_by(doc, state) -> str | None:
	"""The milestone a move into `state` reaches, None for a label (no milestone, same docstatus)."""
	from dms_app.service.repair_order_lifecycle import LIFECYCLE

	docstatus = lifecycle.cint_status(state)
	if milestone := lifecycle.milestone_of(state, LIFECYCLE):
		return milestone
	if docstatus != doc.docstatus:
		return LIFECYCLE.on_submit if docstatus == 1 else LIFECYCLE.on_cancel
	return None


def explain(doc, milestone: str):
	"""Raise the order's own reason for not reaching `milestone` yet, if it has one."""
	if milestone == COMPLETED:
		check_can_complete(doc)
	elif milestone == INVOICED:
		check_can_invoice(doc)
	elif milestone == VOIDED:
		check_can_void(doc)
	elif milestone == WAITING_APPROVAL:
		doc.status = milestone
		check_move(doc)


def complete(repair_order: str, invoice: bool = True):
	"""Complete the order and, when it has customer-pay lines and `invoice`, invoice them: in the
	save that completes it when the user may invoice from there (one save instead of two, see
	before_submit), else by the Invoice action after it."""
	doc = move_to(repair_order, COMPLETED, invoice_on_completion=invoice)
	if invoice and doc.status == COMPLETED and customer_lines(doc):
		doc = move_to(doc, INVOICED)  # the order as completing saved it (Frappe's move reloads it)
	return doc
