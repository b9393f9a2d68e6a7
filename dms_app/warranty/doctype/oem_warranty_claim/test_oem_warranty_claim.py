"""OEM Warranty Claim: pricing, coverage, window, duplicates, workflow, ledger and cancel paths."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, add_months, nowdate

from dms_app.tests import workflows
from dms_app.tests.factories import make_item, make_user
from dms_app.tests.warranty import (
	gl_balance,
	make_claim,
	make_customer_vehicle,
	make_repair_order,
	make_warranty_make,
	respond,
)


def settings(field):
	return frappe.db.get_single_value("DMS Settings", field)


@pytest.fixture
def oem():
	return make_warranty_make()


def claim_count():
	return frappe.db.count("OEM Warranty Claim")


def test_draft_is_priced_at_the_oem_terms(oem):
	claim = make_claim(make_customer_vehicle())
	assert claim.oem_customer == oem and claim.status == "Draft"
	# 1.5 h x 120; 2 x (100 + 10 % handling); sublet 50 at cost
	assert (claim.labour_total, claim.parts_total, claim.sublet_total) == (180, 220, 50)
	assert claim.claimed_amount == 450
	assert claim.parts[0].reimbursement_rate == 110
	assert claim.warranty_policy == "Honda Basic test"
	assert str(claim.submission_deadline) == add_days(nowdate(), 30)


def test_submission_books_the_receivable_from_the_oem(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	assert claim.status == "Submitted" and str(claim.submitted_on) == nowdate()
	invoice = frappe.get_doc("Sales Invoice", claim.sales_invoice)
	assert (invoice.customer, invoice.po_no, invoice.grand_total, invoice.docstatus) == (
		oem,
		claim.name,
		450,
		1,
	)
	assert gl_balance(invoice.name, invoice.debit_to) == 450
	assert gl_balance(invoice.name, settings("warranty_income_account")) == -450


def test_partial_credit_and_write_off_settle_the_invoice(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	respond(claim, "Partially Accept", accepted_amount=300, rejection_reason="EXH")
	respond(claim, "Record Credit", credit_reference="OEM-CN-77")
	claim.reload()
	assert (claim.credited_amount, claim.written_off_amount) == (300, 150)
	debtors = frappe.db.get_value("Sales Invoice", claim.sales_invoice, "debit_to")
	assert gl_balance(claim.payment_entry, debtors) == -300
	assert frappe.db.get_value("Payment Entry", claim.payment_entry, "reference_no") == "OEM-CN-77"
	assert gl_balance(claim.write_off_entry, settings("warranty_write_off_account")) == 150
	assert gl_balance(claim.write_off_entry, debtors) == -150
	assert frappe.db.get_value("Sales Invoice", claim.sales_invoice, "outstanding_amount") == 0
	assert [(r.status, r.reason_code) for r in claim.responses] == [
		("Partially Accepted", "EXH"),
		("Credited", "EXH"),
	]


def test_a_settled_claim_keeps_the_amounts_it_was_booked_with(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	respond(claim, "Partially Accept", accepted_amount=300, rejection_reason="EXH")
	respond(claim, "Record Credit", credit_reference="OEM-CN-78")
	for field, value in (("accepted_amount", 450), ("credit_reference", "OEM-CN-79")):
		claim.reload()
		claim.set(field, value)
		with pytest.raises(frappe.ValidationError, match="can no longer be changed"):
			claim.save()
	claim.reload()
	claim.response_notes = "Debit note received by post"  # notes stay editable
	claim.save()
	assert frappe.db.get_value("OEM Warranty Claim", claim.name, ["accepted_amount", "credited_amount"]) == (
		300,
		300,
	)


def test_rejection_resubmission_then_full_credit_writes_nothing_off(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	respond(claim, "Reject", rejection_reason="MDC", response_notes="Photos missing")
	respond(claim, "Resubmit")
	assert claim.resubmission_count == 1 and not claim.rejection_reason and claim.sales_invoice
	respond(claim, "Accept")
	assert claim.accepted_amount == 450
	respond(claim, "Record Credit", credit_reference="CN-2")
	claim.reload()
	assert claim.payment_entry and not claim.write_off_entry and claim.written_off_amount == 0
	assert [r.status for r in claim.responses] == ["Rejected", "Resubmitted", "Accepted", "Credited"]


def test_rejected_claim_is_written_off(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	respond(claim, "Reject", rejection_reason="NCD")
	respond(claim, "Write Off")
	claim.reload()
	assert claim.written_off_amount == 450 and not claim.payment_entry
	assert gl_balance(claim.write_off_entry, settings("warranty_write_off_account")) == 450
	assert frappe.db.get_value("Sales Invoice", claim.sales_invoice, "outstanding_amount") == 0


def test_cancel_reverses_every_posting(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	respond(claim, "Partially Accept", accepted_amount=400, rejection_reason="IPP")
	respond(claim, "Record Credit", credit_reference="CN-3")
	claim.reload()
	claim.cancel()
	claim.reload()
	assert claim.status == "Cancelled"
	for doctype, name in (
		("Sales Invoice", claim.sales_invoice),
		("Payment Entry", claim.payment_entry),
		("Journal Entry", claim.write_off_entry),
	):
		assert frappe.db.get_value(doctype, name, "docstatus") == 2
		assert not frappe.db.exists("GL Entry", {"voucher_no": name, "is_cancelled": 0})


def test_uncovered_vehicle_is_refused_and_nothing_written(oem):
	expired = make_customer_vehicle(months_old=61)  # Powertrain (60 months) has ended too
	before = claim_count()
	with pytest.raises(frappe.ValidationError, match="not covered"):
		make_claim(expired)
	too_far = make_customer_vehicle(months_old=12)
	with pytest.raises(frappe.ValidationError, match="not covered"):
		make_claim(too_far, odometer=100_001)
	# powertrain still covers a powertrain failure past the basic limit
	assert make_claim(too_far, odometer=100_001, component_group="Powertrain").warranty_policy == (
		"Honda Powertrain test"
	)
	no_delivery = make_customer_vehicle(warranty_start=None)
	frappe.db.set_value("Motor Vehicle", no_delivery, "warranty_start_date", None)
	with pytest.raises(frappe.ValidationError, match="not covered"):
		make_claim(no_delivery)
	assert claim_count() == before + 1


def test_coverage_edges_on_the_site(oem):
	start = add_months(nowdate(), -36)
	vin = make_customer_vehicle(warranty_start=start)
	last_day = add_days(add_months(start, 36), -1)
	claim = make_claim(vin, failure_date=add_days(last_day, -1), repair_completed_on=last_day)
	assert claim.warranty_policy == "Honda Basic test" and str(claim.policy_expires_on) == last_day
	with pytest.raises(frappe.ValidationError, match="not covered"):
		make_claim(vin, failure_date=add_months(start, 36))


def test_submission_after_the_window_is_refused(oem):
	claim = make_claim(
		make_customer_vehicle(),
		failure_date=add_days(nowdate(), -40),
		repair_completed_on=add_days(nowdate(), -31),
	)
	with pytest.raises(frappe.ValidationError, match="deadline"):
		workflows.submit(claim)
	assert not frappe.db.exists("Sales Invoice", {"po_no": claim.name})
	assert frappe.db.get_value("OEM Warranty Claim", claim.name, "docstatus") == 0
	on_last_day = make_claim(
		make_customer_vehicle(),
		failure_date=add_days(nowdate(), -40),
		repair_completed_on=add_days(nowdate(), -30),
	)
	workflows.submit(on_last_day)


def test_same_job_cannot_be_claimed_twice(oem):
	vin = make_customer_vehicle()
	order = make_repair_order(
		vin, jobs=[{"job_no": n, "concern": "Noise", "pay_type": "Warranty"} for n in (1, 2)]
	)
	first = make_claim(vin, repair_order=order.name, job_no=1)
	before = claim_count()
	with pytest.raises(frappe.ValidationError, match="already claimed"):
		make_claim(vin, repair_order=order.name, job_no=1)
	assert claim_count() == before
	assert make_claim(vin, repair_order=order.name, job_no=2).name
	workflows.submit(first)
	first.cancel()  # a cancelled claim frees its job for an amended one
	assert make_claim(vin, repair_order=order.name, job_no=1).name


def test_response_amounts_and_reasons_are_checked(oem):
	claim = make_claim(make_customer_vehicle(), submit=True)
	with pytest.raises(frappe.ValidationError, match="above the claimed"):
		respond(claim, "Partially Accept", accepted_amount=450.01, rejection_reason="EXH")
	with pytest.raises(frappe.ValidationError, match="reason code"):
		respond(claim, "Partially Accept", accepted_amount=100)
	with pytest.raises(frappe.ValidationError, match="below the claimed"):
		respond(claim, "Partially Accept", accepted_amount=450, rejection_reason="EXH")
	with pytest.raises(WorkflowTransitionError):
		respond(claim, "Record Credit")  # not accepted yet
	respond(claim, "Accept")
	with pytest.raises(frappe.ValidationError, match="credit reference"):
		respond(claim, "Record Credit")
	assert frappe.db.get_value("OEM Warranty Claim", claim.name, "status") == "Accepted"


def test_editing_the_status_is_refused(oem):
	"""The status moves through workflow actions and the OEM's file only: an edit books nothing."""
	claim = make_claim(make_customer_vehicle(), submit=True)
	for status, message in (("Credited", "cannot go from Submitted to Credited"), ("Accepted", "workflow")):
		claim.reload()
		claim.update({"status": status, "credit_reference": "CN-EDIT"})
		with pytest.raises(frappe.ValidationError, match=message):
			claim.save()
	draft = make_claim(make_customer_vehicle())
	draft.status = "Submitted"
	with pytest.raises(frappe.ValidationError, match="workflow"):
		draft.save()
	assert frappe.db.get_value("OEM Warranty Claim", claim.name, "status") == "Submitted"
	assert frappe.db.get_value("OEM Warranty Claim", draft.name, ["status", "docstatus"]) == ("Draft", 0)
	assert not frappe.db.exists("Payment Entry", {"reference_no": "CN-EDIT"})


def test_roles(oem):
	vin, part = make_customer_vehicle(), make_item()
	frappe.set_user(make_user(roles=("Technician",)))
	with pytest.raises(frappe.PermissionError):
		make_claim(vin, causal_part=part, parts=())
	frappe.set_user(make_user(roles=("Service Manager",)))
	claim = make_claim(vin, causal_part=part, parts=())  # service managers prepare claims...
	with pytest.raises((frappe.PermissionError, WorkflowTransitionError)):
		apply_workflow(claim.as_dict(), "Submit")  # ...warranty administrators submit them
	frappe.set_user(make_user(roles=("Warranty Administrator",)))
	submitted = apply_workflow(frappe.get_doc("OEM Warranty Claim", claim.name).as_dict(), "Submit")
	assert submitted.status == "Submitted" and submitted.sales_invoice


def test_a_direct_submit_is_refused_the_workflow_action_submits(oem):
	"""What POST frappe.client.submit does would skip the workflow's roles and conditions."""
	claim = make_claim(make_customer_vehicle())
	with pytest.raises(frappe.PermissionError, match="through its workflow actions"):
		claim.submit()
	assert frappe.db.get_value("OEM Warranty Claim", claim.name, "docstatus") == 0
	assert workflows.submit(claim).status == "Submitted"
