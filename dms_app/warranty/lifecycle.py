"""The OEM Warranty Claim's lifecycle (see dms_app/controllers/lifecycle.py and docs/workflows.md).

Its milestones are the claim's `status`, which the code owns: the workflow's states are the
admin's labels for them. Submitting raises the Sales Invoice to the OEM and cancelling cancels it
(the claim's on_submit / on_cancel: docstatus, as in ERPNext). The OEM's final answer is booked as
two effects, each knowing it is done from the entry it made: the credit's Payment Entry, and the
Journal Entry writing off what the OEM did not pay (a partial credit's shortfall, a rejected claim in
full). Cancelling the claim undoes them once, newest first, before its invoice is cancelled.
"""

from dms_app.controllers.lifecycle import Effect, Lifecycle, Milestone, Step
from dms_app.warranty import accounting
from dms_app.warranty.rules import AWAITING_OEM

ADMIN = ("Warranty Administrator",)
DECISIONS = (("Accept", "Accepted"), ("Partially Accept", "Partially Accepted"), ("Reject", "Rejected"))

LIFECYCLE = Lifecycle(
	doctype="OEM Warranty Claim",
	workflow="OEM Warranty Claim",
	milestones=(
		# service managers prepare claims too: the doctype's permissions decide who edits a draft
		Milestone("Draft", 0, edit_roles="All"),
		Milestone("Submitted", 1, "Primary", ADMIN[0]),
		Milestone("Accepted", 1, "Info", ADMIN[0]),
		Milestone("Partially Accepted", 1, "Warning", ADMIN[0]),
		Milestone("Rejected", 1, "Danger", ADMIN[0]),
		Milestone("Resubmitted", 1, "Primary", ADMIN[0]),
		Milestone("Credited", 1, "Success", ADMIN[0]),
		Milestone("Written Off", 1, "Inverse", ADMIN[0]),
		Milestone("Cancelled", 2, "Inverse", ADMIN[0]),
	),
	moves={
		"Draft": ("Submitted",),
		**{
			awaiting: (*(decision for _action, decision in DECISIONS), "Cancelled")
			for awaiting in AWAITING_OEM
		},
		"Accepted": ("Credited", "Cancelled"),
		"Partially Accepted": ("Resubmitted", "Credited", "Cancelled"),
		"Rejected": ("Resubmitted", "Written Off", "Cancelled"),
		"Credited": ("Cancelled",),
		"Written Off": ("Cancelled",),
	},
	steps=(
		Step("Draft", "Submit", "Submitted", ADMIN),
		*(
			Step(awaiting, action, decision, ADMIN)
			for awaiting in AWAITING_OEM
			for action, decision in DECISIONS
		),
		Step("Partially Accepted", "Resubmit", "Resubmitted", ADMIN),
		Step("Rejected", "Resubmit", "Resubmitted", ADMIN),
		Step("Accepted", "Record Credit", "Credited", ADMIN),
		Step("Partially Accepted", "Record Credit", "Credited", ADMIN),
		Step("Rejected", "Write Off", "Written Off", ADMIN),
	),
	effects=(
		Effect(
			"OEM credit",
			frozenset({"Credited"}),
			do=accounting.book_credit,
			undo=accounting.cancel_credit,
			done=accounting.credit_booked,
		),
		Effect(
			"Write-off",
			frozenset({"Credited", "Written Off"}),
			do=accounting.book_write_off,
			undo=accounting.cancel_write_off,
			done=accounting.write_off_booked,
		),
	),
	# every claim must be able to end: paid by the OEM, or written off when it rejects for good
	required=("Submitted", "Credited", "Written Off"),
	on_submit="Submitted",
	on_cancel="Cancelled",
)
