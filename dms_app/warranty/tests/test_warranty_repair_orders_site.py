"""Repair order → draft claims → submit → partial credit → write-off, with the GL checked."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from dms_app.api.warranty import make_claims_from_repair_order
from dms_app.tests import workflows
from dms_app.tests.factories import make_supplier, make_user
from dms_app.tests.warranty import (
	gl_balance,
	make_customer_vehicle,
	make_labour_operation,
	make_repair_order,
	make_warranty_make,
	respond,
)


def complete(order):
	"""Start and complete the order through its workflow, as the advisor does (completing submits it)."""
	for action in ("Start Work", "Complete"):
		apply_workflow(frappe.get_doc("Repair Order", order.name), action)
	order.reload()
	return order


def claims_of(order):
	return frappe.get_all(
		"OEM Warranty Claim",
		filters={"repair_order": order.name, "docstatus": ("<", 2)},
		pluck="name",
		order_by="job_no",
	)


def test_completed_repair_order_drafts_one_claim_per_warranty_job():
	oem = make_warranty_make(labour_rate=100)
	vin = make_customer_vehicle()
	operation = make_labour_operation(flat_hours=1.2, warranty_hours=0.9)
	order = make_repair_order(
		vin,
		jobs=[
			{
				"job_no": 1,
				"pay_type": "Warranty",
				"concern": "Misfire",
				"cause": "Coil",
				"correction": "Coil replaced",
				"failure_code": "P0303",
			},
			{"job_no": 2, "pay_type": "Customer", "concern": "Service"},
		],
		labour=[
			{"job_no": 1, "labour_operation": operation, "pay_type": "Warranty"},
			{
				"job_no": 2,
				"labour_operation": operation,
				"pay_type": "Customer",
				"approval_status": "Approved",
			},
		],
		sublets=[
			{
				"job_no": 1,
				"supplier": make_supplier(),
				"description": "Scope test",
				"cost": 40,
				"pay_type": "Warranty",
			}
		],
	)
	complete(order)
	(name,) = claims_of(order)
	claim = frappe.get_doc("OEM Warranty Claim", name)
	assert (claim.vin, claim.job_no, claim.oem_customer, claim.failure_code) == (vin, 1, oem, "P0303")
	assert (claim.condition, claim.cause, claim.correction) == ("Misfire", "Coil", "Coil replaced")
	assert [(r.labour_operation, r.warranty_hours, r.labour_rate) for r in claim.labour] == [
		(operation, 0.9, 100)
	]
	assert claim.claimed_amount == 90 + 40

	# completing again (reopen → complete) does not claim the job twice
	assert make_claims_from_repair_order(order.name) == []

	claim.causal_part = frappe.get_all("Item", pluck="name", limit=1)[0]
	claim.save()
	workflows.submit(claim)
	respond(claim, "Partially Accept", accepted_amount=100, rejection_reason="EXH")
	respond(claim, "Record Credit", credit_reference="OEM-CR-1")
	claim.reload()
	debtors = frappe.db.get_value("Sales Invoice", claim.sales_invoice, "debit_to")
	assert gl_balance(claim.sales_invoice, debtors) == 130
	assert gl_balance(claim.payment_entry, debtors) == -100
	assert gl_balance(claim.write_off_entry, debtors) == -30
	write_off_account = frappe.db.get_single_value("DMS Settings", "warranty_write_off_account")
	assert gl_balance(claim.write_off_entry, write_off_account) == 30


def test_service_advisor_completing_the_order_drafts_the_claim():
	make_warranty_make()
	order = make_repair_order(
		make_customer_vehicle(),
		sublets=[
			{"job_no": 1, "supplier": make_supplier(), "description": "x", "cost": 10, "pay_type": "Warranty"}
		],
	)
	frappe.set_user(make_user(roles=("Service Advisor",)))
	complete(order)
	frappe.set_user("Administrator")
	assert len(claims_of(order)) == 1


def test_uncovered_job_does_not_block_completion():
	make_warranty_make()
	vin = make_customer_vehicle(months_old=70)
	order = make_repair_order(
		vin,
		sublets=[
			{"job_no": 1, "supplier": make_supplier(), "description": "x", "cost": 10, "pay_type": "Warranty"}
		],
	)
	complete(order)
	assert order.status == "Completed" and claims_of(order) == []
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Repair Order", "reference_name": order.name},
		pluck="content",
	)
	assert any("not covered" in c for c in comments)


def test_claims_only_from_completed_orders():
	make_warranty_make()
	order = make_repair_order(make_customer_vehicle())
	with pytest.raises(frappe.ValidationError, match="not completed"):
		make_claims_from_repair_order(order.name)
