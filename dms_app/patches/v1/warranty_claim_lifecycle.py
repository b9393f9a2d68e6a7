"""OEM Warranty Claims on existing sites move onto their lifecycle (dms_app/warranty/lifecycle.py).

- The workflow kept its state in `status`: the state moves to `workflow_state` (each claim keeps the
  state it shows), and the states named after milestones get Update Field / Value; the admin's
  states, roles and conditions are kept (lifecycle.upgrade_workflow).
- A claim whose status is no milestone (it was in a state an admin had renamed) gets the milestone
  its documents show, so that it can be saved again. Its ledger is left as it is.
- The claim deadline alert becomes Frappe Notifications (English and Chinese) with the alert's
  days; its alert rule row in DMS Settings goes.
"""

import frappe

from dms_app.controllers import lifecycle
from dms_app.warranty import setup
from dms_app.warranty.lifecycle import LIFECYCLE
from dms_app.warranty.rules import decision_for

OLD_ALERT = "Warranty claims near deadline"


def execute():
	lifecycle.upgrade_workflow(LIFECYCLE)
	milestones = [m.name for m in LIFECYCLE.milestones]
	for claim in frappe.get_all(
		"OEM Warranty Claim",
		filters={"status": ("not in", milestones)},
		fields=[
			"name",
			"docstatus",
			"payment_entry",
			"write_off_entry",
			"response_date",
			"accepted_amount",
			"claimed_amount",
			"resubmission_count",
		],
	):
		frappe.db.set_value(
			"OEM Warranty Claim", claim.name, "status", milestone_of(claim), update_modified=False
		)
	days = frappe.db.get_value(
		"DMS Alert Rule", {"parent": "DMS Settings", "alert": OLD_ALERT}, "threshold"
	) or frappe.db.get_single_value("DMS Settings", "warranty_deadline_alert_days")
	setup.ensure_deadline_reminders(int(days or 0))
	frappe.db.delete("DMS Alert Rule", {"parent": "DMS Settings", "alert": OLD_ALERT})


def milestone_of(claim) -> str:
	if claim.docstatus != 1:
		return "Cancelled" if claim.docstatus == 2 else "Draft"
	if claim.payment_entry:
		return "Credited"
	if claim.write_off_entry:
		return "Written Off"
	if claim.response_date:
		return decision_for(claim.accepted_amount, claim.claimed_amount)
	return "Resubmitted" if claim.resubmission_count else "Submitted"
