"""Portal details (issue 23, item 6): a decision is confirmed and can be taken back for a few
minutes; vehicles read "2024 Honda Accord · plate"; times read HH:MM; a booking ends on its
confirmation; a sold car shows its running warranty; slots never show the workshop's hours."""

import json
from datetime import timedelta

import frappe
import pytest
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from dms_app.api import portal as api
from dms_app.portal import queries
from dms_app.portal.test_portal_render import render
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order
from dms_app.www import book_service, my_vehicles, repair_status

APP_JS = frappe.get_app_path("dms_app", "public", "js", "dms_portal.js")


@pytest.fixture(scope="module")
def portal_alice(module_transaction):
	"""Alice, her Honda and an open order, made once for the module: each test rolls back to them
	(conftest.py)."""
	from dms_app.tests.warranty import make_warranty_make

	make_warranty_make("Honda")
	customer = make_portal_customer("Portal Alice")
	customer.vin = make_customer_vehicle(customer.customer, registration_plate="NW-7715")
	frappe.db.set_value(
		"Motor Vehicle", customer.vin, {"make": "Honda", "model": "Honda Accord", "model_year": 2024}
	)
	customer.ro = make_repair_order(customer.customer, customer.vin)
	customer.pads = next(r.name for r in customer.ro.labour if r.approval_status == "Proposed")
	module_transaction.keep()
	return customer


@pytest.fixture
def alice(portal_alice):
	"""A copy a test may change, her order read afresh."""
	return frappe._dict(portal_alice, ro=frappe.get_doc("Repair Order", portal_alice.ro.name))


def context_of(module, **form):
	frappe.form_dict.clear()
	frappe.form_dict.update(form)
	return module.get_context(frappe._dict())


def approval(line):
	return frappe.db.get_value(
		"Repair Order Labour", line, ["approval_status", "approved_by", "decided_via"], as_dict=True
	)


# ------------------------------------------------------------------ confirm and undo


def test_decision_page_asks_for_confirmation_then_offers_undo(alice):
	frappe.set_user(alice.user)
	_status, html = render("/repair-status")
	line = html[html.index(f'data-line="{alice.pads}"') :]
	assert 'data-label="Replace front brake pads"' in line and 'data-amount="' in line
	assert "dms-approve" in line and "dms-undo" not in line.split("dms-line")[0]
	js = open(APP_JS, encoding="utf-8").read()
	assert "askConfirmation(" in js and "dms-confirm" in js  # the click asks before it sends
	payload = api.decide_lines(alice.ro.name, {alice.pads: "Approved"})
	assert payload["orders"][0]["undoable"] == [alice.pads]
	_status, html = render("/repair-status")
	line = html[html.index(f'data-line="{alice.pads}"') :].split('class="dms-line"')[0]
	assert 'data-status="Approved"' in line and "dms-undo" in line


def test_customer_takes_a_decision_back_and_decides_again(alice):
	frappe.set_user(alice.user)
	api.decide_lines(alice.ro.name, {alice.pads: "Approved"})
	payload = api.undo_decision(alice.ro.name, alice.pads)
	assert payload["orders"][0]["lines"][alice.pads] == "Proposed"
	row = approval(alice.pads)
	assert (row.approval_status, row.approved_by, row.decided_via) == ("Proposed", None, None)
	assert frappe.db.get_value("Repair Order", alice.ro.name, "proposed_total") > 0
	api.decide_lines(alice.ro.name, {alice.pads: "Declined"})
	assert approval(alice.pads).approval_status == "Declined"
	api.undo_decision(alice.ro.name, alice.pads)
	assert approval(alice.pads).approval_status == "Proposed"


def test_another_customer_cannot_undo(alice):
	frappe.set_user(alice.user)
	api.decide_lines(alice.ro.name, {alice.pads: "Approved"})
	frappe.set_user("Administrator")
	bob = make_portal_customer("Portal Bob")
	frappe.set_user(bob.user)
	with pytest.raises(frappe.PageDoesNotExistError):
		api.undo_decision(alice.ro.name, alice.pads)
	assert approval(alice.pads).approval_status == "Approved"


def test_undo_is_refused_after_the_window_for_desk_decisions_and_started_work(alice):
	frappe.set_user(alice.user)
	api.decide_lines(alice.ro.name, {alice.pads: "Approved"})
	late = add_to_date(now_datetime(), minutes=-(queries.UNDO_MINUTES + 1))
	frappe.db.set_value("Repair Order Labour", alice.pads, "approved_on", late)
	with pytest.raises(frappe.ValidationError, match="minutes"):
		api.undo_decision(alice.ro.name, alice.pads)
	assert api.repair_status()["orders"][0]["undoable"] == []
	# work started on the line
	frappe.db.set_value(
		"Repair Order Labour", alice.pads, {"approved_on": now_datetime(), "actual_hours": 0.5}
	)
	with pytest.raises(frappe.ValidationError, match="started"):
		api.undo_decision(alice.ro.name, alice.pads)
	# the advisor recorded the decision at the desk
	frappe.db.set_value("Repair Order Labour", alice.pads, {"actual_hours": 0, "decided_via": "Desk"})
	with pytest.raises(frappe.ValidationError):
		api.undo_decision(alice.ro.name, alice.pads)
	# a line never decided
	frappe.db.set_value("Repair Order Labour", alice.pads, {"approval_status": "Proposed"})
	with pytest.raises(frappe.ValidationError):
		api.undo_decision(alice.ro.name, alice.pads)
	with pytest.raises(frappe.DoesNotExistError):
		api.undo_decision(alice.ro.name, "no-such-line")


# ------------------------------------------------------------------ vehicles, times, bookings


def test_vehicles_read_year_make_model_and_plate(alice):
	frappe.set_user(alice.user)
	label = "2024 Honda Accord · NW-7715"
	(car,) = context_of(my_vehicles).vehicles
	assert (car.title, car.label) == ("2024 Honda Accord", label)
	(order,) = context_of(repair_status).orders
	assert order.vehicle_label == label
	_status, html = render("/repair-status")
	assert f'<div class="dms-field-value dms-ro-vehicle">{label}' in html
	_status, html = render("/book-service")
	assert f">\n\t\t\t\t{label}\n" in html or label in html


def test_times_read_hours_and_minutes():
	assert queries.format_time(timedelta(hours=8, minutes=30)) == "08:30"
	assert queries.format_time("8:30:00") == "08:30"
	assert queries.format_time(timedelta(hours=14, minutes=5, seconds=59)) == "14:05"
	assert queries.format_time(now_datetime().replace(hour=9, minute=0)) == "09:00"
	assert queries.format_time(None) is None


@pytest.fixture
def workshop():
	from dms_app.tests.service_appointments import make_technician

	make_technician(hours=8)
	frappe.db.set_single_value("DMS Settings", "auto_confirm_portal_bookings", 1)


def test_slots_show_free_times_never_hours(alice, workshop):
	frappe.set_user(alice.user)
	days = api.available_slots(add_days(nowdate(), 1), add_days(nowdate(), 14))
	assert days
	for day in days:
		assert set(day) == {"date", "label", "slots"}
		for slot in day["slots"]:
			assert set(slot) == {"time", "label"} and len(slot["label"]) == 5 and slot["label"][2] == ":"
	assert "hour" not in json.dumps(days)
	js = open(APP_JS, encoding="utf-8").read()
	assert "free_hours" not in js and "hours free" not in js
	# nor through the service area's method, which customers may call too
	from dms_app.api.service import available_slots

	slots = available_slots(add_days(nowdate(), 1), add_days(nowdate(), 14), 1)
	assert slots and all(set(slot) == {"date", "start_time"} for slot in slots)
	frappe.set_user("Administrator")
	assert "free_hours" in available_slots(add_days(nowdate(), 1), add_days(nowdate(), 14), 1)[0]


def test_booking_ends_on_its_confirmation(alice, workshop):
	frappe.set_user(alice.user)
	(day, *_rest) = api.available_slots(add_days(nowdate(), 1), add_days(nowdate(), 14))
	slot = day["slots"][0]
	result = api.book_service(alice.vin, day["date"], slot["time"], "Annual service")
	assert result["start_time"] == slot["time"] and result["label"].endswith(" " + slot["time"])
	assert result["vehicle_label"] == "2024 Honda Accord · NW-7715"
	assert result["url"] == f"/book-service?booked={result['name']}"
	booked = context_of(book_service, booked=result["name"]).booked
	assert (booked.name, booked.status, booked.time_label) == (result["name"], "Confirmed", slot["time"])
	status, html = render(result["url"])
	assert status == 200 and "Your service is booked" in html and result["name"] in html
	assert slot["time"] in html and "2024 Honda Accord · NW-7715" in html
	# the appointments table: HH:MM, vehicle by name, reference
	(row,) = context_of(book_service).appointments
	assert row.time_label == slot["time"] and row.vehicle_label.startswith("2024 Honda Accord")
	# someone else's reference confirms nothing
	frappe.set_user("Administrator")
	bob = make_portal_customer("Portal Bob")
	frappe.set_user(bob.user)
	assert not context_of(book_service, booked=result["name"]).get("booked")
	status, html = render(result["url"])
	assert status == 200 and result["name"] not in html


# ------------------------------------------------------------------ warranty of a sold car


def test_a_sold_car_shows_its_running_manufacturer_warranty(alice):
	from dms_app.tests.factories import default_company, make_item

	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": alice.customer,
			"company": default_company(),
			"posting_date": add_days(nowdate(), -3),
			"set_posting_time": 1,
			"items": [{"item_code": make_item(is_stock_item=0), "qty": 1, "rate": 30000}],
		}
	).insert()
	invoice.submit()
	frappe.db.set_value(
		"Motor Vehicle",
		alice.vin,
		{
			"stock_type": "New",
			"status": "Sold",
			"sales_invoice": invoice.name,
			"warranty_start_date": None,
			"delivery_date": None,
			"odometer": 12,
		},
	)
	frappe.set_user(alice.user)
	(car,) = context_of(my_vehicles).vehicles
	assert {c.component_group for c in car.warranty} == {"Basic", "Powertrain"}
	assert str(min(c.expires_on for c in car.warranty)) == str(
		add_days(frappe.utils.add_months(add_days(nowdate(), -3), 36), -1)
	)
	_status, html = render("/my-vehicles")
	assert "No warranty cover running" not in html
	# a delivered car counts from its delivery date even when no start was recorded
	frappe.set_user("Administrator")
	frappe.db.set_value("Motor Vehicle", alice.vin, {"status": "Delivered", "delivery_date": nowdate()})
	frappe.set_user(alice.user)
	(car,) = context_of(my_vehicles).vehicles
	assert car.warranty and queries.warranty_start(car) == frappe.utils.getdate(nowdate())
	# an unsold stock car has none
	frappe.set_user("Administrator")
	frappe.db.set_value(
		"Motor Vehicle", alice.vin, {"status": "In Stock", "sales_invoice": None, "delivery_date": None}
	)
	frappe.set_user(alice.user)
	assert context_of(my_vehicles).vehicles[0].warranty == []
