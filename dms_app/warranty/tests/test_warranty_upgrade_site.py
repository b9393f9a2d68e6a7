"""The patch that moves an existing site's claims onto their lifecycle, run on a site made to look
as dms_app left it before: the workflow's state in `status`, states that set nothing, a claim in a
state an admin had renamed, the deadline alert rule."""

import frappe

from dms_app.controllers import lifecycle
from dms_app.patches.v1 import warranty_claim_lifecycle as patch
from dms_app.tests.warranty import (
	claim_vouchers,
	make_claim,
	make_customer_vehicle,
	make_warranty_make,
	respond,
)
from dms_app.tests.workflows import edited_workflow, forget
from dms_app.warranty.lifecycle import LIFECYCLE
from dms_app.warranty.setup import DEADLINE_REMINDER, DEADLINE_REMINDER_ZH

DOCTYPE = "OEM Warranty Claim"


def as_before_lifecycles(workflow, renamed: dict[str, str]):
	"""The workflow as dms_app shipped it before, with the admin's renamed states; the claims' status
	holding their state, as it did."""
	workflow.workflow_state_field = "status"
	for row in workflow.states:
		row.state = renamed.get(row.state, row.state)
		row.update_field = row.update_value = None
	for row in workflow.transitions:
		row.state = renamed.get(row.state, row.state)
		row.next_state = renamed.get(row.next_state, row.next_state)
	for new in renamed.values():
		if not frappe.db.exists("Workflow State", new):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": new}).insert()
	workflow.save()
	forget(DOCTYPE, workflow.name)
	frappe.db.sql(f"update `tab{DOCTYPE}` set workflow_state = null")
	for old, new in renamed.items():
		frappe.db.sql(f"update `tab{DOCTYPE}` set status = %s where status = %s", (new, old))


def test_an_existing_sites_claims_and_workflow_move_onto_the_lifecycle():
	make_warranty_make()
	draft = make_claim(make_customer_vehicle())
	paid = make_claim(make_customer_vehicle(), submit=True)
	respond(paid, "Partially Accept", accepted_amount=300, rejection_reason="EXH")
	respond(paid, "Record Credit", credit_reference="CN-OLD")
	booked = claim_vouchers(paid)
	frappe.delete_doc("Notification", DEADLINE_REMINDER)
	frappe.delete_doc("Notification", DEADLINE_REMINDER_ZH)
	settings = frappe.get_single("DMS Settings")
	settings.append("alert_rules", {"alert": patch.OLD_ALERT, "enabled": 1, "threshold": 5})
	settings.save()

	with edited_workflow(DOCTYPE) as workflow:
		as_before_lifecycles(workflow, {"Credited": "Paid by OEM"})
		assert frappe.db.get_value(DOCTYPE, paid.name, "status") == "Paid by OEM"

		patch.execute()
		forget(DOCTYPE, workflow.name)

		workflow.reload()
		assert workflow.workflow_state_field == "workflow_state"
		sets = {row.state: lifecycle.milestone_of(row, LIFECYCLE) for row in workflow.states}
		assert (
			sets["Draft"] == "Draft" and sets["Accepted"] == "Accepted" and sets["Cancelled"] == "Cancelled"
		)
		assert sets["Credited"] == "Credited"  # the milestone the admin's rename had left without a state
		assert frappe.db.get_value(DOCTYPE, draft.name, ["status", "workflow_state"]) == ("Draft", "Draft")
		assert frappe.db.get_value(DOCTYPE, paid.name, ["status", "workflow_state"]) == (
			"Credited",
			"Paid by OEM",
		)
		assert claim_vouchers(paid) == booked  # nothing booked or reversed
		reminders = frappe.get_all("Notification", {"document_type": DOCTYPE}, ["name", "days_in_advance"])
		assert {(r.name, r.days_in_advance) for r in reminders} >= {
			(DEADLINE_REMINDER, 5),
			(DEADLINE_REMINDER_ZH, 5),
		}
		assert not frappe.db.exists("DMS Alert Rule", {"alert": patch.OLD_ALERT})
