"""Follow-up reminders are Frappe Notifications on ToDo, sent by Frappe's own daily job: one reminder
per follow-up on the day it is due, in the language of the record the admin has enabled."""

from unittest.mock import patch

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import crm, setup

ENGLISH, CHINESE = (setup.FOLLOW_UP_NOTIFICATIONS[lang][0] for lang in ("en", "zh"))


def reminders(user: str) -> list:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "type": "Alert"},  # not the assignment's own notice
		fields=["document_type", "document_name", "subject", "email_content"],
	)


def test_a_follow_up_due_today_gets_one_reminder_from_frappes_daily_job():
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	deal = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000)
	due = crm.schedule_follow_up(
		"Vehicle Deal", deal.name, nowdate(), "Call about the finance offer", consultant
	)
	crm.schedule_follow_up("Lead", tu.make_lead(), add_days(nowdate(), 1), "Send the brochure", consultant)
	done = crm.schedule_follow_up("Lead", tu.make_lead(), nowdate(), "Already called", consultant)
	frappe.db.set_value("ToDo", done, "status", "Closed")
	assert frappe.db.get_value("Notification", ENGLISH, "enabled") == 1
	assert frappe.db.get_value("Notification", CHINESE, "enabled") == 0

	tu.run_daily_notifications()

	[log] = reminders(consultant)
	assert (log.document_type, log.document_name) == ("ToDo", due)
	assert log.subject.startswith("Follow-up due") and "Call about the finance offer" in log.subject
	assert deal.name in log.email_content


def test_an_admin_switches_the_reminder_to_chinese():
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	due = crm.schedule_follow_up("Lead", tu.make_lead(), nowdate(), "回访客户", consultant)
	for name, enabled in ((ENGLISH, 0), (CHINESE, 1)):
		notification = frappe.get_doc("Notification", name)
		notification.enabled = enabled
		notification.save()

	tu.run_daily_notifications()

	[log] = reminders(consultant)
	assert log.document_name == due
	assert log.subject.startswith("跟进到期") and "回访客户" in log.subject


@pytest.fixture
def chinese_site():
	"""System Settings > Language = zh, without touching the site's cached defaults."""
	default = frappe.db.get_default
	with patch.object(frappe.db, "get_default", lambda key, *a: "zh" if key == "lang" else default(key, *a)):
		yield


def test_install_enables_the_reminder_in_the_sites_language_and_keeps_the_admins_text(chinese_site):
	for name in (ENGLISH, CHINESE):
		frappe.delete_doc("Notification", name)
	setup.ensure_follow_up_notifications()
	assert frappe.db.get_value("Notification", ENGLISH, "enabled") == 0
	assert frappe.db.get_value("Notification", CHINESE, "enabled") == 1
	frappe.db.set_value("Notification", CHINESE, "subject", "请跟进 {{ doc.description }}")
	setup.ensure_follow_up_notifications()
	assert frappe.db.get_value("Notification", CHINESE, "subject") == "请跟进 {{ doc.description }}"
