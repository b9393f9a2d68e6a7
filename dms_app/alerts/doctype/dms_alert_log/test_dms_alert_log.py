"""Alerts on a real site: sent once, re-sent on a state change or after the interval, thresholds, opt-out."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.alerts.definitions import AGED_STOCK, PARTS_BELOW_REORDER, SERVICE_DUE
from dms_app.alerts.delivery import run_alerts
from dms_app.alerts.registry import REGISTRY, AlertItem, alert
from dms_app.planning.runs import start_run
from dms_app.planning.setup import OPT_OUT_FIELD
from dms_app.setup.defaults import ensure_default_records
from dms_app.tests.factories import make_customer, make_user, make_vehicle_trim, make_vin, receive_vehicles
from dms_app.tests.planning import delivery_note, make_part, months_ago, parts_warehouse, stock_entry


@pytest.fixture(autouse=True)
def rules():
	ensure_default_records()
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "DMS Test Outgoing",
			"email_id": "dms-test-outgoing@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "localhost",
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)


def set_rule(alert_name, **values):
	settings = frappe.get_single("DMS Settings")
	[rule] = [r for r in settings.alert_rules if r.alert == alert_name]
	rule.update(values)
	settings.save()


def notifications(user):
	return frappe.get_all("Notification Log", filters={"for_user": user}, fields=["subject", "email_content"])


def emails_to(address):
	return frappe.get_all("Email Queue Recipient", filters={"recipient": address}, pluck="parent")


def aged_vehicle(days):
	vin = make_vin()
	receive_vehicles([vin], make_vehicle_trim())
	frappe.db.set_value("Motor Vehicle", vin, "stock_in_date", add_days(nowdate(), -days))
	return vin


def test_aged_stock_sent_once_then_on_state_change():
	manager = make_user(roles=("Sales Manager",))
	vin = aged_vehicle(100)
	set_rule(AGED_STOCK, threshold=90, resend_after_days=7)
	assert run_alerts([AGED_STOCK])[AGED_STOCK] >= 1
	[note] = notifications(manager)
	assert vin in note.email_content
	assert emails_to(manager)
	log = frappe.get_doc("DMS Alert Log", {"reference_name": vin})
	assert (log.alert, log.state, log.times_sent) == (AGED_STOCK, "91-180", 1)

	assert run_alerts([AGED_STOCK])[AGED_STOCK] == 0  # same state, within the interval: not again
	assert len(notifications(manager)) == 1

	frappe.db.set_value("Motor Vehicle", vin, "stock_in_date", add_days(nowdate(), -200))
	run_alerts([AGED_STOCK])  # moved to the next age bucket: sent again
	assert len(notifications(manager)) == 2
	log.reload()
	assert (log.state, log.times_sent) == ("180+", 2)


def test_resent_after_interval_and_after_recovery():
	vin = aged_vehicle(100)
	set_rule(AGED_STOCK, threshold=90, resend_after_days=7)
	run_alerts([AGED_STOCK])
	name = frappe.db.get_value("DMS Alert Log", {"reference_name": vin})
	frappe.db.set_value("DMS Alert Log", name, "last_sent", add_days(nowdate(), -8))
	run_alerts([AGED_STOCK])
	assert frappe.db.get_value("DMS Alert Log", name, "times_sent") == 2

	frappe.db.set_value("Motor Vehicle", vin, "stock_in_date", nowdate())  # e.g. restocked
	run_alerts([AGED_STOCK])
	assert frappe.db.get_value("DMS Alert Log", name, "state") == "Resolved"
	frappe.db.set_value("Motor Vehicle", vin, "stock_in_date", add_days(nowdate(), -95))
	run_alerts([AGED_STOCK])  # back in the alert state: a new occurrence, sent again
	assert frappe.db.get_value("DMS Alert Log", name, ["state", "times_sent"]) == ("91-180", 3)


def test_threshold_and_enabled_flag_respected():
	manager = make_user(roles=("Sales Manager",))
	vin = aged_vehicle(100)
	set_rule(AGED_STOCK, threshold=120)
	run_alerts([AGED_STOCK])
	assert not frappe.db.exists("DMS Alert Log", {"reference_name": vin})
	set_rule(AGED_STOCK, threshold=90, enabled=0)
	assert run_alerts([AGED_STOCK]) == {AGED_STOCK: "disabled"}
	assert not frappe.db.exists("DMS Alert Log", {"reference_name": vin})
	assert not notifications(manager)


def test_threshold_zero_falls_back_to_aged_stock_days():
	vin = aged_vehicle(50)
	frappe.db.set_single_value("DMS Settings", "aged_stock_days", 45)
	set_rule(AGED_STOCK, threshold=0)
	run_alerts([AGED_STOCK])
	assert frappe.db.exists("DMS Alert Log", {"reference_name": vin})


def test_parts_below_reorder_point_from_the_forecast():
	parts_manager = make_user(roles=("Parts Manager",))
	store = parts_warehouse()
	item = make_part()
	stock_entry("Material Receipt", item, 12, months_ago(5), target=store)
	for months in (4, 3, 2, 1):
		delivery_note(item, 3, months_ago(months), store)
	frappe.db.set_single_value("DMS Settings", "draft_material_requests", 0)
	start_run("Parts Forecast")
	forecast = frappe.db.get_value("Demand Forecast", {"item": item}, ["name", "reorder_point"], as_dict=True)
	assert forecast.reorder_point > 0
	set_rule(PARTS_BELOW_REORDER, threshold=100)
	run_alerts([PARTS_BELOW_REORDER])
	assert frappe.db.exists("DMS Alert Log", {"reference_name": forecast.name, "state": "below"})
	assert any(item in n.email_content for n in notifications(parts_manager))
	assert not frappe.get_all("Material Request Item", filters={"item_code": item})  # switched off


def due_customer_vehicle(opt_out=0):
	email = f"{frappe.generate_hash(length=8)}@example.com"
	customer = make_customer(email_id=email)
	frappe.db.set_value("Customer", customer, {"email_id": email, OPT_OUT_FIELD: opt_out})
	vin = make_vin()
	receive_vehicles([vin], make_vehicle_trim())
	frappe.db.set_value(
		"Motor Vehicle", vin, {"customer": customer, "next_service_date": add_days(nowdate(), 5)}
	)
	return customer, email, vin


def test_service_due_reminder_goes_to_the_customer_once():
	customer, email, _ = due_customer_vehicle()
	set_rule(SERVICE_DUE, threshold=14)
	run_alerts([SERVICE_DUE])
	assert len(emails_to(email)) == 1
	run_alerts([SERVICE_DUE])
	assert len(emails_to(email)) == 1
	assert frappe.db.get_value("DMS Alert Log", {"reference_name": customer}, "recipients") == email


def test_service_due_honours_opt_out_and_unsubscribe():
	_, opted_out, _ = due_customer_vehicle(opt_out=1)
	customer, unsubscribed, _ = due_customer_vehicle()
	frappe.get_doc({"doctype": "Email Unsubscribe", "email": unsubscribed, "global_unsubscribe": 1}).insert(
		ignore_permissions=True
	)
	set_rule(SERVICE_DUE, threshold=14)
	run_alerts([SERVICE_DUE])
	assert not emails_to(opted_out) and not emails_to(unsubscribed)
	assert not frappe.db.exists("DMS Alert Log", {"reference_name": customer})


def test_alert_of_a_missing_doctype_is_skipped():
	@alert("Test missing area", threshold=1, unit="x", requires=("No Such DocType",))
	def fetch(threshold):
		raise AssertionError("must not run")

	try:
		settings = frappe.get_single("DMS Settings")
		settings.append("alert_rules", {"alert": "Test missing area", "enabled": 1})
		settings.save()
		outcome = run_alerts(["Test missing area"])
		assert outcome == {"Test missing area": "skipped: No Such DocType not installed"}
	finally:
		REGISTRY.pop("Test missing area")


def test_a_failing_alert_does_not_stop_the_others():
	@alert("Test broken area", threshold=1, unit="x")
	def fetch(threshold):
		raise RuntimeError("query broke")

	try:
		settings = frappe.get_single("DMS Settings")
		settings.append("alert_rules", {"alert": "Test broken area", "enabled": 1})
		settings.alert_rules.insert(0, settings.alert_rules.pop())  # runs before the aged stock alert
		for idx, row in enumerate(settings.alert_rules, start=1):
			row.idx = idx
		settings.save()
		vin = aged_vehicle(100)
		set_rule(AGED_STOCK, threshold=90)
		outcome = run_alerts(["Test broken area", AGED_STOCK])
		assert outcome["Test broken area"] == "failed: see Error Log"
		assert outcome[AGED_STOCK] >= 1 and frappe.db.exists("DMS Alert Log", {"reference_name": vin})
		assert frappe.db.exists("Error Log", {"method": "DMS alert failed: Test broken area"})
	finally:
		REGISTRY.pop("Test broken area")
		# Error Log is a MyISAM table: the rollback after the test does not remove it
		frappe.db.delete("Error Log", {"method": "DMS alert failed: Test broken area"})


def test_admin_edits_to_rules_survive_defaults():
	set_rule(AGED_STOCK, threshold=33, enabled=0, notify_role="Sales Consultant")
	frappe.db.set_single_value("DMS Settings", "parts_lead_time_days", 0)
	ensure_default_records()
	settings = frappe.get_single("DMS Settings")
	[rule] = [r for r in settings.alert_rules if r.alert == AGED_STOCK]
	assert (rule.threshold, rule.enabled, rule.notify_role) == (33, 0, "Sales Consultant")
	assert settings.parts_lead_time_days == 0
	assert {r.alert for r in settings.alert_rules} >= set(REGISTRY)


def test_no_email_account_still_notifies_staff_and_holds_customer_emails():
	frappe.db.delete("Email Account")
	manager = make_user(roles=("Sales Manager",))
	aged_vehicle(100)
	_, email, _ = due_customer_vehicle()
	set_rule(AGED_STOCK, threshold=90)
	set_rule(SERVICE_DUE, threshold=14)
	outcome = run_alerts([AGED_STOCK, SERVICE_DUE])
	assert notifications(manager) and not emails_to(manager)
	assert outcome[SERVICE_DUE] == 0 and not emails_to(email)  # waits for an email account


def test_every_item_key_is_unique_per_alert():
	items = [AlertItem("Motor Vehicle", "V1", "a"), AlertItem("Motor Vehicle", "V1", "b", period="p")]
	assert len({i.key for i in items}) == 2
