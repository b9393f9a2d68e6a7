"""The Repair Order's lifecycle (dms_app/controllers/lifecycle.py, docs/workflows.md).

Milestones: a draft order is Open, In Progress, Waiting Parts or Waiting Approval, or Voided when it
is abandoned before completion (Frappe cancels only what was submitted; a voided order keeps its
record, with no part issued and no clock running). Completing it submits it (Completed); invoicing
and closing come after (Invoiced, Closed); cancelling it (Cancelled) reverses what completion
booked, and an amendment carries the work on ("Reopen" is Cancel + Amend).

Effects: the completion's bookings (warranty and internal parts consumed, internal work charged)
hold while the order is Completed, Invoiced or Closed; the customer's Sales Invoice while it is
Invoiced or Closed. The shipped workflow keeps the roles and conditions of the workshop: advisors
and technicians work the order, parts staff wait for parts, invoicers invoice, a Service Manager
cancels a completed order."""

from dms_app.controllers.lifecycle import Effect, Lifecycle, Milestone, Step
from dms_app.service import invoicing
from dms_app.service.repair_orders import (
	CANCELLED,
	CLOSED,
	COMPLETED,
	IN_PROGRESS,
	INVOICED,
	OPEN,
	VOIDED,
	WAITING_APPROVAL,
	WAITING_PARTS,
	WORKING,
)

ADVISORS = ("Service Advisor", "Service Manager")
INVOICERS = (*ADVISORS, "Accounts User", "Accounts Manager")
WORKSHOP = (*ADVISORS, "Technician", "Parts Manager")
PROPOSED = "doc.proposed_lines"
CUSTOMER_PAY = "doc.customer_lines"
DONE = frozenset((COMPLETED, INVOICED, CLOSED))


def working_moves(source: str) -> tuple[str, ...]:
	return (*(m for m in WORKING[1:] if m != source), COMPLETED, VOIDED)


LIFECYCLE = Lifecycle(
	doctype="Repair Order",
	workflow="Repair Order",
	milestones=(
		Milestone(OPEN, 0, "Primary", "Service Advisor"),
		Milestone(IN_PROGRESS, 0, "Warning", "Service Advisor"),
		Milestone(WAITING_PARTS, 0, "Danger", "Service Advisor"),
		Milestone(WAITING_APPROVAL, 0, "Danger", "Service Advisor"),
		Milestone(COMPLETED, 1, "Success", "Service Advisor"),
		Milestone(INVOICED, 1, "Info", "Service Manager"),
		Milestone(CLOSED, 1, "Inverse", "Service Manager"),
		Milestone(VOIDED, 0, "Inverse", "Service Manager"),
		Milestone(CANCELLED, 2, "Inverse", "Service Manager"),
	),
	moves={
		# leaving Open is the customer's authorisation of the estimate: work starts first
		OPEN: (IN_PROGRESS, VOIDED),
		IN_PROGRESS: working_moves(IN_PROGRESS),
		WAITING_PARTS: working_moves(WAITING_PARTS),
		WAITING_APPROVAL: working_moves(WAITING_APPROVAL),
		COMPLETED: (INVOICED, CLOSED, CANCELLED),
		# back to Completed when the invoice is cancelled
		INVOICED: (COMPLETED, CLOSED),
	},
	starts=(IN_PROGRESS,),  # an amendment carries on the work of the order it replaces
	steps=(
		Step(OPEN, "Start Work", IN_PROGRESS, (*ADVISORS, "Technician")),
		Step(OPEN, "Void", VOIDED, ADVISORS),
		Step(IN_PROGRESS, "Wait for Parts", WAITING_PARTS, WORKSHOP),
		Step(WAITING_PARTS, "Resume", IN_PROGRESS, WORKSHOP),
		Step(IN_PROGRESS, "Request Approval", WAITING_APPROVAL, ADVISORS, PROPOSED),
		Step(WAITING_APPROVAL, "Resume", IN_PROGRESS, ADVISORS, f"not ({PROPOSED})"),
		Step(IN_PROGRESS, "Complete", COMPLETED, ADVISORS, f"not ({PROPOSED})"),
		Step(IN_PROGRESS, "Void", VOIDED, ADVISORS),
		Step(COMPLETED, "Invoice", INVOICED, INVOICERS, CUSTOMER_PAY),
		Step(COMPLETED, "Close", CLOSED, ADVISORS, f"not ({CUSTOMER_PAY})"),
		Step(COMPLETED, "Cancel", CANCELLED, ("Service Manager",)),
		Step(INVOICED, "Cancel Invoice", COMPLETED, (*INVOICERS, "System Manager")),
		Step(INVOICED, "Close", CLOSED, ADVISORS),
	),
	effects=(
		Effect(
			"completion bookings",
			DONE,
			do=invoicing.book_completion,
			undo=invoicing.reverse_completion,
			done=invoicing.completion_booked,
		),
		Effect(
			"customer invoice",
			frozenset((INVOICED, CLOSED)),
			do=invoicing.invoice,
			undo=invoicing.cancel_invoice,
			done=invoicing.invoiced_or_nothing_to_invoice,
		),
	),
	required=(COMPLETED, CLOSED),
	on_submit=COMPLETED,
	on_cancel=CANCELLED,
	# the workshop's board is the repair order list by state, not an approval inbox of every order
	workflow_actions=False,
)
