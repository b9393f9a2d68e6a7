"""A Vehicle Deal's discount approval as a lifecycle (dms_app/controllers/lifecycle.py).

The milestone is `approval_status`, the code's; the deal's `status` (Open … Delivered, Lost) stays
derived from its ERPNext documents (deal.deal_status). Reaching *Approved* records who approved which
reduction on the deal itself (VehicleDeal.apply_approval), and only an approved reduction may be
quoted or ordered (deal.check_selling_discount). The workflow's states are the admin's labels: they
may add a "Finance Check", rename *Approved* or give *Approve* to another role, and none of that
moves the rule.
"""

from dms_app.controllers.lifecycle import Lifecycle, Milestone, Step

WORKFLOW = "Vehicle Deal Approval"
DRAFT, PENDING, APPROVED, REJECTED = "Draft", "Pending Approval", "Approved", "Rejected"
REOPENABLE = 'doc.status in ("Open", "Quoted")'
"""A deal is reopened for a new discount only before it is ordered: after that its vehicle and price are
locked to the Sales Order, and a delivered or lost deal is closed."""

LIFECYCLE = Lifecycle(
	doctype="Vehicle Deal",
	workflow=WORKFLOW,
	# a Draft or Approved deal past quoting shows its own status (Ordered, Delivered…) in lists
	milestones=(
		Milestone(DRAFT, edit_roles="Sales Consultant", avoid_status_override=True),
		Milestone(PENDING, style="Warning", edit_roles="Sales Manager"),
		Milestone(APPROVED, style="Success", edit_roles="Sales Consultant", avoid_status_override=True),
		Milestone(REJECTED, style="Danger", edit_roles="Sales Consultant"),
	),
	moves={DRAFT: (APPROVED, PENDING), PENDING: (APPROVED, REJECTED), APPROVED: (DRAFT,), REJECTED: (DRAFT,)},
	steps=(
		Step(DRAFT, "Approve", APPROVED, ("Sales Consultant",), "not doc.needs_approval"),
		Step(DRAFT, "Request Approval", PENDING, ("Sales Consultant",), "doc.needs_approval"),
		Step(PENDING, "Approve", APPROVED, ("Sales Manager",)),
		Step(PENDING, "Reject", REJECTED, ("Sales Manager",)),
		Step(APPROVED, "Reopen", DRAFT, ("Sales Consultant",), REOPENABLE),
		Step(REJECTED, "Reopen", DRAFT, ("Sales Consultant",), REOPENABLE),
	),
	required=(APPROVED,),
	status_field="approval_status",
)
