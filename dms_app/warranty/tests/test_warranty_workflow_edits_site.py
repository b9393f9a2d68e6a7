"""A System Manager edits the OEM Warranty Claim workflow as an admin would: a state added in the
middle, states renamed, an action restricted to another role. The OEM's credit and the write-off are
still booked exactly once (GL to the cent), a later save books nothing more, and cancelling the
claim reverses its invoice, credit and write-off exactly once."""

import csv
import io

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from dms_app.api.warranty import import_response
from dms_app.controllers.lifecycle import workflow_problems
from dms_app.tests.factories import make_user
from dms_app.tests.warranty import (
	claim_ledger,
	claim_vouchers,
	make_claim,
	make_customer_vehicle,
	make_warranty_make,
	respond,
)
from dms_app.tests.workflows import add_state_between, edited_workflow, rename_state, restrict_action, save
from dms_app.warranty.lifecycle import LIFECYCLE

CLAIMED = 450  # what make_claim claims: 1.5 h x 120 + 2 x 110 + 50


@pytest.fixture
def oem():
	return make_warranty_make()


def expected_ledger(claim, credited: float) -> dict[str, float]:
	"""The claim's books once settled: income for the claim, the OEM's credit in the bank, the rest
	written off, the OEM's receivable cleared."""
	settings = frappe.get_single("DMS Settings")
	ledger = {settings.warranty_income_account: -CLAIMED}
	if credited:
		ledger[frappe.db.get_value("Payment Entry", claim.payment_entry, "paid_to")] = credited
	if credited < CLAIMED:
		ledger[settings.warranty_write_off_account] = CLAIMED - credited
	return ledger


def assert_settled_once(claim, credited: float):
	claim.reload()
	booked = {doctype: len(names) for doctype, names in claim_vouchers(claim).items()}
	assert booked == {
		"Sales Invoice": 1,
		"Payment Entry": int(credited > 0),
		"Journal Entry": int(credited < CLAIMED),
	}
	assert claim_ledger(claim) == expected_ledger(claim, credited)
	claim.response_notes = "Statement filed"  # a later save books nothing more
	claim.save()
	assert {doctype: len(names) for doctype, names in claim_vouchers(claim).items()} == booked


def assert_cancel_reverses_once(claim):
	claim.reload()
	claim.cancel()
	claim.reload()
	assert claim.status == "Cancelled"
	assert claim_ledger(claim) == {} and not any(claim_vouchers(claim).values())
	for doctype, name in (
		("Sales Invoice", claim.sales_invoice),
		("Payment Entry", claim.payment_entry),
		("Journal Entry", claim.write_off_entry),
	):
		if name:
			assert frappe.db.get_value(doctype, name, "docstatus") == 2
	references = {"reference_name": claim.sales_invoice}
	# one payment and one write-off were ever made, and each was cancelled once (no reversal twice)
	assert frappe.db.count("Payment Entry Reference", references) == int(bool(claim.payment_entry))
	assert frappe.db.count("Journal Entry Account", {**references, "reference_type": "Sales Invoice"}) == int(
		bool(claim.write_off_entry)
	)


def test_a_state_added_between_submitted_and_accepted(oem):
	with edited_workflow("OEM Warranty Claim") as workflow:
		add_state_between(workflow, "Submitted", "Accepted", "OEM Review", action="Confirm Acceptance")
		assert workflow_problems(LIFECYCLE) == []
		claim = make_claim(make_customer_vehicle(), submit=True)
		respond(claim, "Accept")  # now leads to the admin's label: nothing is accepted yet
		assert (claim.workflow_state, claim.status, claim.accepted_amount) == ("OEM Review", "Submitted", 0)
		assert not claim.responses
		respond(claim, "Confirm Acceptance")
		assert (claim.workflow_state, claim.status, claim.accepted_amount) == (
			"Accepted",
			"Accepted",
			CLAIMED,
		)
		respond(claim, "Record Credit", credit_reference="CN-REVIEW")
		assert (claim.workflow_state, claim.status) == ("Credited", "Credited")
		assert_settled_once(claim, credited=CLAIMED)
		assert_cancel_reverses_once(claim)


def test_a_submitted_label_before_the_submitted_state(oem):
	"""Submit now leads to the admin's "Sent to OEM" (submitted, a label), then to Submitted."""
	with edited_workflow("OEM Warranty Claim") as workflow:
		add_state_between(workflow, "Draft", "Submitted", "Sent to OEM", action="Confirm Receipt")
		next(row for row in workflow.states if row.state == "Sent to OEM").doc_status = "1"
		save(workflow)
		assert workflow_problems(LIFECYCLE) == []
		claim = make_claim(make_customer_vehicle())
		apply_workflow(claim, "Submit")
		claim.reload()
		assert (claim.workflow_state, claim.status, claim.docstatus) == ("Sent to OEM", "Submitted", 1)
		apply_workflow(claim, "Confirm Receipt")
		claim.reload()
		assert (claim.workflow_state, claim.status) == ("Submitted", "Submitted")
		assert {doctype: len(names) for doctype, names in claim_vouchers(claim).items()} == {
			"Sales Invoice": 1,
			"Payment Entry": 0,
			"Journal Entry": 0,
		}
		assert claim_ledger(claim) == {
			frappe.db.get_value("Sales Invoice", claim.sales_invoice, "debit_to"): CLAIMED,
			frappe.db.get_single_value("DMS Settings", "warranty_income_account"): -CLAIMED,
		}
		assert_cancel_reverses_once(claim)


def test_renamed_states_book_by_milestone_from_the_desk_and_the_oem_file(oem):
	with edited_workflow("OEM Warranty Claim") as workflow:
		rename_state(workflow, "Accepted", "Approved by OEM")
		rename_state(workflow, "Credited", "Paid by OEM")
		rename_state(workflow, "Written Off", "Closed Unpaid")
		assert workflow_problems(LIFECYCLE) == []
		by_desk, by_file, rejected = (make_claim(make_customer_vehicle(), submit=True) for _ in range(3))

		respond(by_desk, "Accept")
		assert (by_desk.workflow_state, by_desk.status, by_desk.accepted_amount) == (
			"Approved by OEM",
			"Accepted",
			CLAIMED,
		)
		respond(by_desk, "Record Credit", credit_reference="CN-DESK")
		assert (by_desk.workflow_state, by_desk.status) == ("Paid by OEM", "Credited")
		assert_settled_once(by_desk, credited=CLAIMED)

		out = io.StringIO()
		csv.writer(out).writerows(
			[
				["claim", "status", "accepted_amount", "reason_code", "credit_reference"],
				[by_file.name, "Credited", "300", "EXH", "CN-FILE"],
			]
		)
		result = import_response(out.getvalue(), "csv")
		assert result["errors"] == [] and result["updated"] == [by_file.name]
		by_file.reload()
		assert (by_file.workflow_state, by_file.status, by_file.credited_amount) == (
			"Paid by OEM",
			"Credited",
			300,
		)
		assert [r.status for r in by_file.responses] == ["Partially Accepted", "Credited"]
		assert_settled_once(by_file, credited=300)

		respond(rejected, "Reject", rejection_reason="NCD")
		respond(rejected, "Write Off")
		assert (rejected.workflow_state, rejected.status) == ("Closed Unpaid", "Written Off")
		assert_settled_once(rejected, credited=0)

		for claim in (by_desk, by_file, rejected):
			assert_cancel_reverses_once(claim)


def test_record_credit_restricted_to_accounts_managers(oem):
	with edited_workflow("OEM Warranty Claim") as workflow:
		restrict_action(workflow, "Record Credit", "Accounts Manager")
		assert workflow_problems(LIFECYCLE) == []
		claim = make_claim(make_customer_vehicle(), submit=True)
		frappe.set_user(make_user(roles=("Warranty Administrator",)))
		respond(claim, "Partially Accept", accepted_amount=400, rejection_reason="IPP")
		with pytest.raises(WorkflowTransitionError):
			respond(claim, "Record Credit", credit_reference="CN-ACC")
		claim.reload()
		assert claim.status == "Partially Accepted" and not claim_vouchers(claim)["Payment Entry"]
		frappe.set_user(make_user(roles=("Warranty Administrator", "Accounts Manager")))
		apply_workflow(claim, "Record Credit")
		frappe.set_user("Administrator")
		assert_settled_once(claim, credited=400)
		assert_cancel_reverses_once(claim)
