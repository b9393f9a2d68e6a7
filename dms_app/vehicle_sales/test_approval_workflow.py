"""Issue 14 for Vehicle Deal: a System Manager edits the "Vehicle Deal Approval" workflow as an admin
would (adds a state in the middle, renames a state, restricts a transition to another role). In each
case a deal over the discount limit is quoted and ordered only once approved, the approval is
recorded once, the deal's invoice books GL once to the cent and its cancel reverses it once."""

import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import add_days, flt, nowdate

from dms_app.controllers import lifecycle
from dms_app.patches.v1 import deal_approval_milestone
from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.tests.workflows import add_state_between, edited_workflow, forget, rename_state, restrict_action
from dms_app.vehicle_sales import deal as deal_logic
from dms_app.vehicle_sales.approval import APPROVED, DRAFT, LIFECYCLE, PENDING, WORKFLOW

UNAPPROVED = "needs a Sales Manager's approval"
# edit, the role that approves afterwards, the actions that lead from Pending Approval to approved,
# and the state the approved deal then shows
EDITS = {
	"state added in the middle": (
		lambda w: add_state_between(w, "Pending Approval", "Approved", "Finance Check", "Pass Finance Check"),
		"Sales Manager",
		("Approve", "Pass Finance Check"),
		"Approved",
	),
	"state renamed": (
		lambda w: rename_state(w, "Approved", "Discount Approved"),
		"Sales Manager",
		("Approve",),
		"Discount Approved",
	),
	"transition restricted to another role": (
		lambda w: restrict_action(w, "Approve", "DMS Manager"),
		"DMS Manager",
		("Approve",),
		"Approved",
	),
}


@pytest.fixture
def limits():
	frappe.db.set_single_value("DMS Settings", {"max_discount_percent": 5, "max_discount_amount": 0})


@pytest.fixture(params=EDITS)
def edit(request, limits):
	"""The workflow as a System Manager left it (rolled back afterwards)."""
	change, role, actions, approved_state = EDITS[request.param]
	with edited_workflow("Vehicle Deal") as workflow:
		frappe.set_user(factories.make_user(roles=("System Manager",)))
		change(workflow)
		frappe.set_user("Administrator")
		assert lifecycle.workflow_problems(LIFECYCLE) == []
		yield role, actions, approved_state


def act(user: str, deal: str, action: str):
	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc("Vehicle Deal", deal), action)
	finally:
		frappe.set_user("Administrator")


def refused_order(deal):
	"""A Sales Order for the deal made by hand rather than from its Quotation."""
	row = {**deal_logic.vehicle_row(deal), "delivery_date": add_days(nowdate(), 7)}
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": deal.customer,
			"company": deal.company,
			"vehicle_deal": deal.name,
			"transaction_date": nowdate(),
			"delivery_date": add_days(nowdate(), 7),
			"items": [row],
		}
	)
	with pytest.raises(frappe.ValidationError, match=UNAPPROVED):
		order.insert()


def gl_by_account(invoice) -> dict:
	"""The invoice's GL entries per account and cancellation: count, debit, credit. A site that lived
	through other runs may keep entries of an older, deleted invoice of the same name."""
	rows = frappe.get_all(
		"GL Entry",
		filters={
			"voucher_type": "Sales Invoice",
			"voucher_no": invoice.name,
			"creation": (">=", invoice.creation),
		},
		fields=["account", "is_cancelled", "count(*) as entries", "sum(debit) as dr", "sum(credit) as cr"],
		group_by="account, is_cancelled",
	)
	return {(r.account, r.is_cancelled): (r.entries, flt(r.dr, 2), flt(r.cr, 2)) for r in rows}


def test_a_deal_over_the_limit_sells_once_approved_whatever_the_admin_changed(edit):
	approver_role, actions, approved_state = edit
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	approver = factories.make_user(roles=(approver_role, "Sales User"))
	other_manager = factories.make_user(roles=("Sales Manager", "Sales User"))
	vin = tu.stock_vehicle()
	customer = factories.make_customer()
	deal = tu.make_deal(
		customer,
		vin,
		sales_person=consultant,
		vehicle_price=30000,
		discount_amount=2500,  # 8.3 % off list: over the 5 % limit
		taxes_and_charges=tu.tax_template(10),
	)
	assert deal.needs_approval and deal.approval_status == DRAFT

	# not quoted or ordered before it is approved, at any step on the way
	with pytest.raises(frappe.ValidationError, match=UNAPPROVED):
		deal_logic.make_quotation(deal.name)
	refused_order(deal)
	with pytest.raises(frappe.ValidationError):
		act(consultant, deal.name, "Approve")
	assert act(consultant, deal.name, "Request Approval").approval_status == PENDING
	if approver_role != "Sales Manager":
		with pytest.raises(frappe.ValidationError):
			act(other_manager, deal.name, "Approve")
	for action in actions:
		with pytest.raises(frappe.ValidationError, match=UNAPPROVED):
			deal_logic.make_quotation(deal.name)
		approved = act(approver, deal.name, action)
	assert (approved.workflow_state, approved.approval_status) == (approved_state, APPROVED)
	assert (approved.approved_by, approved.approved_discount) == (approver, 2500)

	# the approval is recorded once: a later save by someone else keeps it, and can't raise the discount
	frappe.set_user(consultant)
	later = frappe.get_doc("Vehicle Deal", deal.name)
	later.notes = "Customer collects on Saturday"
	later.save()
	raised = frappe.get_doc("Vehicle Deal", deal.name)
	raised.discount_amount = 3000
	with pytest.raises(frappe.ValidationError, match="more than the 2500"):
		raised.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Vehicle Deal", deal.name, ["approved_by", "approved_discount"]) == (
		approver,
		2500,
	)

	# quoted, ordered (the VIN reserved once) and invoiced
	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.items[0].rate == 27500 and quotation.grand_total == 30250
	quotation.submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, ["status", "reserved_for", "sales_order"]) == (
		"Reserved",
		customer,
		order.name,
	)
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	item = invoice.items[0]
	booked = {
		(invoice.debit_to, 0): (1, 30250.0, 0.0),
		(item.income_account, 0): (1, 0.0, 27500.0),
		(tu.tax_account(), 0): (1, 0.0, 2750.0),
	}
	assert gl_by_account(invoice) == booked
	assert frappe.db.get_value("Vehicle Deal", deal.name, ["status", "sales_invoice"]) == (
		"Invoiced",
		invoice.name,
	)

	# the cancel reverses the invoice once: every entry cancelled, each account back to nought
	invoice.reload()
	invoice.cancel()
	reversed_ = {
		(account, 1): (2 * entries, flt(dr + cr, 2), flt(dr + cr, 2))
		for (account, _cancelled), (entries, dr, cr) in booked.items()
	}
	assert gl_by_account(invoice) == reversed_
	assert frappe.db.get_value(
		"Vehicle Deal", deal.name, ["status", "sales_invoice", "approval_status", "approved_by"]
	) == ("Ordered", None, APPROVED, approver)
	assert frappe.db.get_value("Motor Vehicle", vin, ["status", "sales_order"]) == ("Reserved", order.name)


def test_the_approval_milestone_cannot_be_edited_directly_whatever_the_admin_changed(edit):
	approver_role, _actions, approved_state = edit
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	approver = factories.make_user(roles=(approver_role, "Sales User"))
	customer, vin = factories.make_customer(), tu.stock_vehicle()
	frappe.set_user(consultant)
	deal = tu.make_deal(customer, vin, vehicle_price=30000, discount_amount=500)

	for user in (consultant, approver):
		frappe.set_user(user)
		with pytest.raises(frappe.ValidationError, match="workflow actions"):
			frappe.client.set_value("Vehicle Deal", deal.name, "approval_status", APPROVED)
		with pytest.raises(frappe.ValidationError, match="cannot go from"):
			frappe.client.set_value("Vehicle Deal", deal.name, "approval_status", "Rejected")

	# what a REST PUT of {"discount_amount": 2500, "workflow_state": …, "approval_status": "Approved"}
	# does: the transition's condition is checked on the raised discount too
	frappe.set_user(consultant)
	raised = frappe.get_doc("Vehicle Deal", deal.name)
	raised.update({"discount_amount": 2500, "workflow_state": approved_state, "approval_status": APPROVED})
	with pytest.raises(frappe.ValidationError, match="with these values"):
		raised.save()
	frappe.set_user("Administrator")
	assert frappe.db.get_value(
		"Vehicle Deal", deal.name, ["approval_status", "workflow_state", "approved_by", "discount_amount"]
	) == (DRAFT, "Draft", None, 500)

	# nor can a new deal start approved
	with pytest.raises(frappe.ValidationError, match="starts as Draft"):
		tu.make_deal(factories.make_customer(), tu.stock_vehicle(), approval_status=APPROVED)


def test_reopening_a_renamed_approved_state_clears_the_approval(limits):
	with edited_workflow("Vehicle Deal") as workflow:
		rename_state(workflow, "Approved", "Discount Approved")
		deal = tu.make_deal(
			factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000, discount_amount=500
		)
		deal = tu.approve(deal)
		assert (deal.workflow_state, deal.approval_status, deal.approved_discount) == (
			"Discount Approved",
			APPROVED,
			500,
		)
		reopened = tu.approve(deal, "Reopen")
		assert (reopened.workflow_state, reopened.approval_status) == ("Draft", DRAFT)
		assert (reopened.approved_by, reopened.approved_discount) == (None, 0)


# ---------------------------------------------------------------- existing sites


@pytest.fixture
def site_before_lifecycles():
	"""The workflow and deals as a site had them before the milestone: no Update Field on the states,
	and every deal's approval_status at the column's default."""
	frappe.db.sql(
		"""update `tabWorkflow Document State` set update_field = null, update_value = null
		where parent = %s""",
		WORKFLOW,
	)
	forget("Vehicle Deal", WORKFLOW)
	yield
	frappe.db.rollback()
	forget("Vehicle Deal", WORKFLOW)


def test_the_patch_gives_existing_deals_their_milestone_and_the_workflow_its_fields(
	limits, site_before_lifecycles
):
	approved = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000)
	pending = tu.make_deal(
		factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000, discount_amount=2500
	)
	for name, state in ((approved.name, "Approved"), (pending.name, "Pending Approval")):
		frappe.db.set_value("Vehicle Deal", name, {"workflow_state": state, "approval_status": DRAFT})
	frappe.db.set_value(
		"Vehicle Deal", approved.name, {"approved_by": "Administrator", "approved_discount": 0}
	)

	deal_approval_milestone.execute()
	forget("Vehicle Deal", WORKFLOW)

	assert frappe.db.get_value("Vehicle Deal", approved.name, "approval_status") == APPROVED
	assert frappe.db.get_value("Vehicle Deal", pending.name, "approval_status") == PENDING
	states = {
		s.state: (s.update_field, s.update_value, s.avoid_status_override)
		for s in frappe.get_doc("Workflow", WORKFLOW).states
	}
	assert states == {
		"Draft": ("approval_status", DRAFT, 1),
		"Pending Approval": ("approval_status", PENDING, 0),
		"Approved": ("approval_status", APPROVED, 1),
		"Rejected": ("approval_status", "Rejected", 0),
	}
	assert lifecycle.workflow_problems(LIFECYCLE) == []
	# the approved deal sells; the pending one is approved through the workflow as before
	deal_logic.make_quotation(approved.name)
	assert "Approve" in [t.action for t in get_transitions(frappe.get_doc("Vehicle Deal", pending.name))]
	assert tu.approve(pending).approved_discount == 2500
