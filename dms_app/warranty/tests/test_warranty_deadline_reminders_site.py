"""Claim deadline reminders are Frappe Notifications the admin edits, in English and Chinese."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.tests.factories import make_user
from dms_app.tests.portal import ensure_outgoing_email_account
from dms_app.tests.warranty import make_claim, make_customer_vehicle, make_warranty_make
from dms_app.warranty.setup import DEADLINE_REMINDER, DEADLINE_REMINDER_ZH

REMINDERS = (DEADLINE_REMINDER, DEADLINE_REMINDER_ZH)


@pytest.fixture
def oem():
	return make_warranty_make(window_days=30)


def claim_due_in(days: int, **fields):
	"""A claim whose 30-day submission window ends `days` from today."""
	completed = add_days(nowdate(), days - 30)
	return make_claim(
		make_customer_vehicle(), failure_date=add_days(completed, -1), repair_completed_on=completed, **fields
	)


def test_one_reminder_per_language_the_sites_enabled():
	reminders = [frappe.get_doc("Notification", name) for name in REMINDERS]
	for reminder in reminders:
		assert (reminder.document_type, reminder.event, reminder.date_changed) == (
			"OEM Warranty Claim",
			"Days Before",
			"submission_deadline",
		)
		assert reminder.condition == "doc.docstatus == 0" and reminder.days_in_advance > 0
		assert {(r.receiver_by_role, r.receiver_by_document_field) for r in reminder.recipients} == {
			("Warranty Administrator", None),
			(None, "owner"),
		}
	chinese = (frappe.db.get_default("lang") or "en").startswith("zh")
	assert [r.enabled for r in reminders] == [int(not chinese), int(chinese)]


def test_drafts_are_reminded_the_admins_days_before_their_deadline(oem):
	reminder = frappe.get_doc("Notification", DEADLINE_REMINDER)
	reminder.update({"enabled": 1, "days_in_advance": 3})  # the admin's edit
	reminder.save()
	due, submitted, later = claim_due_in(3), claim_due_in(3, submit=True), claim_due_in(7)
	found = {doc.name for doc in reminder.get_documents_for_today()}
	assert due.name in found and not {submitted.name, later.name} & found

	administrator = make_user(roles=("Warranty Administrator",))
	ensure_outgoing_email_account()
	reminder.send(due)
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "OEM Warranty Claim", "reference_name": due.name},
		pluck="name",
	)
	assert len(queued) == 1
	assert administrator in frappe.get_all("Email Queue Recipient", {"parent": queued[0]}, pluck="recipient")
	assert frappe.db.exists("Notification Log", {"document_name": due.name, "for_user": administrator})


def test_both_languages_render_the_claim(oem):
	claim = claim_due_in(7)
	for name, words in ((DEADLINE_REMINDER, "must reach the OEM"), (DEADLINE_REMINDER_ZH, "提交厂家")):
		reminder = frappe.get_doc("Notification", name)
		subject = frappe.render_template(reminder.subject, {"doc": claim})
		message = frappe.render_template(reminder.message, {"doc": claim})
		assert claim.name in subject and words in subject
		assert claim.vin in message and f"/app/oem-warranty-claim/{claim.name}" in message
