"""Repair Order rules: line defaults and totals, customer approval of added work, parts
reservation, status transitions and what completing a repair order books.

The Workflow "Repair Order" (an editable default) decides who may move an order between states;
this module decides whether the order is fit for the state it moves to, and books the documents
that go with it (ERPNext Stock Entry, Journal Entry, Sales Invoice)."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow
from frappe.utils import cint, flt, get_datetime, getdate, now_datetime

WORKING = ("Open", "In Progress", "Waiting Parts", "Waiting Approval")
LOCKED = ("Completed", "Invoiced", "Closed", "Cancelled")
LINE_TABLES = ("labour", "parts", "sublets")
LINE_LABELS = {"labour": "Labour", "parts": "Parts", "sublets": "Sublet"}
# fields an approved or decided line keeps; changing them after completion is refused
LINE_KEYS = {
	"labour": ("job_no", "labour_operation", "flat_hours", "technician", "pay_type", "rate"),
	"parts": ("job_no", "item_code", "qty", "warehouse", "pay_type", "rate"),
	"sublets": ("job_no", "supplier", "pay_type", "cost", "amount"),
}


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
	old_status = before.status if before else None
	set_defaults(doc)
	validate_lines(doc)
	if old_status in LOCKED and lines_changed(before, doc):
		frappe.throw(
			_("Repair order {0} is {1}: its lines can no longer change.").format(doc.name, _(old_status))
		)
	apply_approvals(doc, before)
	compute_totals(doc)
	if old_status and doc.status != old_status:
		check_transition(doc, old_status)
	reserve_parts(doc)


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


def lines_changed(before, doc) -> bool:
	def snapshot(d):
		return {
			table: sorted(
				tuple(str(row.get(k) or "") for k in ("name", *LINE_KEYS[table])) for row in d.get(table)
			)
			for table in LINE_TABLES
		}

	return snapshot(before) != snapshot(doc)


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
			frappe.throw(_("Row {0}: the customer's decision is recorded with Decide Lines.").format(row.idx))
		if old and needs_new_approval(old, row):
			row.approval_status = row.approved_by = row.approved_on = None
			if row.meta.has_field("decided_via"):
				row.decided_via = None
		if not row.approval_status:
			if row.pay_type != "Customer":
				mark(row, "Approved", user, now, "Desk")
			else:
				row.approval_status = "Proposed"
	authorising = not doc.customer_authorised_on and doc.status not in ("Open", "Cancelled")
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


# ---------------------------------------------------------------- transitions


def check_transition(doc, old_status):
	new = doc.status
	if new == "Completed":
		check_can_complete(doc)
		doc.completed_on = now_datetime()
	elif new == "Invoiced":
		if doc.sales_invoice and frappe.db.get_value("Sales Invoice", doc.sales_invoice, "docstatus") == 1:
			frappe.throw(
				_("Repair order {0} is already invoiced by {1}.").format(doc.name, doc.sales_invoice),
				title=_("Already invoiced"),
			)
		if not customer_lines(doc):
			frappe.throw(
				_("Repair order {0} has no customer-pay lines to invoice; close it.").format(doc.name)
			)
	elif new == "Closed":
		if customer_lines(doc) and not invoiced(doc):
			frappe.throw(_("Invoice the customer-pay lines of {0} before closing it.").format(doc.name))
	elif new == "Cancelled":
		issued = [row.idx for row in doc.parts or [] if flt(row.issued_qty) > 0]
		if issued:
			frappe.throw(
				_("Parts rows {0} are issued to the workshop: return them before cancelling {1}.").format(
					", ".join(map(str, issued)), doc.name
				)
			)
		if open_clocks(doc.name):
			frappe.throw(_("Technicians are still clocked on {0}.").format(doc.name))
	elif new == "Waiting Approval" and not proposed_lines(doc):
		frappe.throw(_("No line of {0} is waiting for the customer's decision.").format(doc.name))
	elif new in WORKING and old_status in LOCKED:
		if invoiced(doc):
			frappe.throw(
				_("Cancel Sales Invoice {0} before reopening {1}.").format(doc.sales_invoice, doc.name)
			)
		if old_status != "Completed":
			frappe.throw(_("A {0} repair order cannot be reopened.").format(_(old_status)))
		doc.completed_on = None


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


def open_clocks(repair_order: str) -> list[str]:
	return frappe.get_all(
		"Technician Time Log",
		filters={"repair_order": repair_order, "end": ("is", "not set")},
		pluck="employee",
	)


def invoiced(doc) -> bool:
	return (
		bool(doc.sales_invoice) and frappe.db.get_value("Sales Invoice", doc.sales_invoice, "docstatus") == 1
	)


# ---------------------------------------------------------------- moves


def move_to(repair_order: str, state: str):
	"""Apply the workflow action that leads to `state` for this user. When the user's roles allow
	the move but its condition fails, the repair order's own check says why."""
	doc = frappe.get_doc("Repair Order", repair_order)
	if doc.status == state:
		frappe.throw(
			_("Repair order {0} is already {1}.").format(doc.name, _(state)), title=_("Already done")
		)
	action = next((t.action for t in get_transitions(doc) if t.next_state == state), None)
	if action:
		# the workflow's roles decide the move: an accountant may invoice without editing rights
		doc.flags.ignore_permissions = True
		return apply_workflow(doc, action)
	roles = set(frappe.get_roles())
	if any(
		t.state == doc.status and t.next_state == state and t.allowed in roles
		for t in get_workflow("Repair Order").transitions
	):
		current, doc.status = doc.status, state
		check_transition(doc, current)
		frappe.throw(
			_("Repair order {0} cannot move from {1} to {2} yet.").format(doc.name, _(current), _(state))
		)
	frappe.throw(
		_("You cannot move repair order {0} from {1} to {2}.").format(doc.name, _(doc.status), _(state)),
		frappe.PermissionError,
	)


def complete(repair_order: str, invoice: bool = True):
	"""Complete the order and, when it has customer-pay lines and `invoice`, invoice them."""
	doc = move_to(repair_order, "Completed")
	if invoice and customer_lines(doc):
		doc = move_to(repair_order, "Invoiced")
	return doc


# ---------------------------------------------------------------- after save


def on_update(doc):
	before = doc.get_doc_before_save()
	if doc.service_appointment and (not before or before.service_appointment != doc.service_appointment):
		from dms_app.service.appointments import link_repair_order

		link_repair_order(doc.service_appointment, doc.name)
	old_status = before.status if before else None
	if old_status == doc.status:
		return
	from dms_app.service import invoicing

	if doc.status == "Completed" and old_status in WORKING:
		from dms_app.service.appointments import complete_for_repair_order

		invoicing.book_completion(doc)
		update_vehicle(doc)
		complete_for_repair_order(doc.name)
	elif doc.status == "Invoiced" and old_status == "Completed":
		invoicing.invoice(doc)
	elif doc.status in WORKING and old_status == "Completed":
		invoicing.reverse_completion(doc)


def update_vehicle(doc):
	"""Record the visit on the Motor Vehicle: last service, odometer, next service due."""
	from dms_app.service.service_due import record_service

	record_service(doc.vehicle, getdate(get_datetime(doc.completed_on)), cint(doc.odometer_out))
