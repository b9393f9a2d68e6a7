"""Warranty's editable defaults survive ensure_default_records (an admin's edits are kept)."""

import frappe

from dms_app.setup.defaults import ensure_default_records


def test_defaults_exist():
	assert frappe.db.exists("Workflow", "OEM Warranty Claim")
	assert frappe.db.count("Warranty Rejection Reason") >= 20
	for field in (
		"warranty_income_account",
		"warranty_write_off_account",
		"warranty_labour_item",
		"warranty_parts_item",
		"warranty_sublet_item",
	):
		assert frappe.db.get_single_value("DMS Settings", field), field


def test_admin_edits_survive():
	# A first run does any schema work (DDL commits implicitly in MariaDB) before the edits below,
	# so the test's edits stay inside its transaction and are rolled back.
	ensure_default_records()
	frappe.db.rollback()
	workflow = frappe.get_doc("Workflow", "OEM Warranty Claim")
	workflow.transitions = [t for t in workflow.transitions if t.action != "Write Off"]
	workflow.append(
		"transitions",
		{
			"state": "Rejected",
			"action": "Write Off",
			"next_state": "Written Off",
			"allowed": "Accounts Manager",
		},
	)
	workflow.save()
	reason = frappe.get_doc("Warranty Rejection Reason", "EXH")
	reason.title = "Hours above the labour time guide"
	reason.save()
	frappe.delete_doc("Warranty Rejection Reason", "OTH")
	frappe.db.set_single_value("DMS Settings", "warranty_deadline_alert_days", 14)

	ensure_default_records()

	workflow.reload()
	write_off = [t.allowed for t in workflow.transitions if t.action == "Write Off"]
	assert write_off == ["Accounts Manager"]
	assert (
		frappe.db.get_value("Warranty Rejection Reason", "EXH", "title")
		== "Hours above the labour time guide"
	)
	assert frappe.db.exists("Warranty Rejection Reason", "OTH")  # missing defaults come back
	assert frappe.db.get_single_value("DMS Settings", "warranty_deadline_alert_days") == 14
