"""What each portal page and method gives a customer: vehicles with warranty and next service,
service history with invoices, live status, approvals recorded on the repair order, bookings."""

import json

import frappe
import pytest
from frappe.utils import add_days, getdate, nowdate

from dms_app.api import portal as api
from dms_app.portal import queries
from dms_app.tests.portal import (
	ensure_outgoing_email_account,
	make_customer_vehicle,
	make_portal_customer,
	make_repair_order,
)
from dms_app.www import book_service, my_vehicle, my_vehicles, repair_status


@pytest.fixture(scope="module")
def portal_alice(module_transaction):
	"""Alice, her car and an open order, made once for the module: each test rolls back to them
	(conftest.py)."""
	customer = make_portal_customer("Portal Alice")
	customer.vin = make_customer_vehicle(
		customer.customer,
		warranty_start_date=add_days(nowdate(), -200),
		delivery_date=add_days(nowdate(), -200),
		odometer=12000,
	)
	customer.ro = make_repair_order(customer.customer, customer.vin)
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


def test_my_vehicles_shows_the_car_with_next_service_and_warranty(alice):
	frappe.db.set_value(
		"Motor Vehicle",
		alice.vin,
		{"next_service_date": add_days(nowdate(), 60), "next_service_odometer": 27000},
	)
	frappe.set_user(alice.user)
	context = context_of(my_vehicles)
	(car,) = context.vehicles
	assert car.name == alice.vin and car.registration_plate.startswith("PT-")
	assert getdate(car.next_service_date) == getdate(add_days(nowdate(), 60))
	assert car.next_service_odometer == 27000
	assert isinstance(car.warranty, list)
	assert context.show_sidebar and context.no_cache
	assert json.loads(context.portal_messages)["Approve"] == "Approve"


def test_warranty_cover_comes_from_the_warranty_policies(alice):
	from dms_app.warranty.policies import vehicle_covers

	expected = [c.policy for c in vehicle_covers(alice.vin, getdate(nowdate()), 12000)]
	frappe.set_user(alice.user)
	assert [c.policy for c in context_of(my_vehicle, vin=alice.vin).vehicle.warranty] == expected


def test_service_history_links_the_customers_invoices(alice):
	from dms_app.tests.factories import default_company, make_customer, make_item

	item = make_item(is_stock_item=0)

	def invoice(customer):
		doc = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": customer,
				"company": default_company(),
				"items": [{"item_code": item, "qty": 1, "rate": 250}],
			}
		).insert()
		doc.submit()
		return doc.name

	own = invoice(alice.customer)
	frappe.db.set_value("Repair Order", alice.ro.name, "sales_invoice", own)
	frappe.set_user(alice.user)
	(ro,) = context_of(my_vehicle, vin=alice.vin).history
	assert ro.name == alice.ro.name and ro.invoices == [own]
	# an invoice of someone else linked by mistake is never shown
	frappe.set_user("Administrator")
	frappe.db.set_value("Repair Order", alice.ro.name, "sales_invoice", invoice(make_customer()))
	frappe.set_user(alice.user)
	assert context_of(my_vehicle, vin=alice.vin).history[0].invoices == []


def test_repair_status_page_and_poll_agree(alice):
	frappe.set_user(alice.user)
	(order,) = context_of(repair_status).orders
	assert order.name == alice.ro.name and order.stage == 0
	assert {line.label for line in order.proposed} == {"Replace front brake pads", "Windscreen chip repair"}
	payload = api.repair_status()
	(polled,) = payload["orders"]
	assert polled["status"] == "Open" and polled["promised_label"]
	assert sorted(polled["lines"].values()) == ["Approved", "Proposed", "Proposed"]
	frappe.set_user("Administrator")
	frappe.db.set_value("Repair Order", alice.ro.name, "status", "Waiting Parts")
	frappe.set_user(alice.user)
	assert api.repair_status()["orders"][0]["stage"] == queries.STAGES.index("In Progress")
	frappe.set_user("Administrator")
	frappe.db.set_value("Repair Order", alice.ro.name, "status", "Closed")
	frappe.set_user(alice.user)
	assert api.repair_status()["orders"] == []


def test_customer_decisions_are_recorded_on_the_repair_order(alice):
	lines = {line.label: line for line in queries.repair_order_lines(alice.ro.name)}
	pads, chip = lines["Replace front brake pads"], lines["Windscreen chip repair"]
	frappe.set_user(alice.user)
	payload = api.decide_lines(alice.ro.name, {pads.name: "Approved", chip.name: "Declined"})
	assert payload["orders"][0]["lines"][pads.name] == "Approved"
	frappe.set_user("Administrator")
	row = frappe.db.get_value(
		pads.doctype,
		pads.name,
		["approval_status", "approved_by", "approved_on", "decided_via"],
		as_dict=True,
	)
	assert (row.approval_status, row.approved_by, row.decided_via) == ("Approved", alice.user, "Portal")
	assert row.approved_on
	assert frappe.db.get_value(chip.doctype, chip.name, "approval_status") == "Declined"
	# deciding twice is refused and changes nothing
	frappe.set_user(alice.user)
	with pytest.raises(frappe.ValidationError):
		api.decide_lines(alice.ro.name, {chip.name: "Approved"})
	frappe.set_user("Administrator")
	assert frappe.db.get_value(chip.doctype, chip.name, "approval_status") == "Declined"


@pytest.fixture
def workshop():
	from dms_app.tests.service_appointments import make_technician

	make_technician(hours=8)
	frappe.db.set_single_value("DMS Settings", "auto_confirm_portal_bookings", 1)
	ensure_outgoing_email_account()


def test_booking_a_free_slot_confirms_by_email(alice, workshop):
	frappe.set_user(alice.user)
	context = context_of(book_service, vehicle=alice.vin.lower())
	assert context.selected_vehicle == alice.vin
	days = api.available_slots(context.from_date, context.to_date)
	assert days and all(day["slots"] for day in days)
	day = days[0]
	result = api.book_service(alice.vin, day["date"], day["slots"][0]["time"], "Annual service")
	assert result["status"] == "Confirmed" and result["label"]
	frappe.set_user("Administrator")
	appointment = frappe.get_doc("Service Appointment", result["name"])
	assert (appointment.customer, appointment.vehicle, appointment.source) == (
		alice.customer,
		alice.vin,
		"Portal",
	)
	assert appointment.contact_email == alice.user
	assert appointment.confirmed_slot
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Service Appointment", "reference_name": appointment.name},
	)
	assert queued
	frappe.set_user(alice.user)
	assert [a.name for a in context_of(book_service).appointments] == [result["name"]]


def test_booking_bad_input_writes_nothing(alice, workshop):
	frappe.set_user(alice.user)
	with pytest.raises(frappe.ValidationError):
		api.book_service(alice.vin, "not-a-date", "09:00")
	with pytest.raises(frappe.PageDoesNotExistError):
		api.book_service("JTDBZ3EK0NA999999", add_days(nowdate(), 2), "09:00")
	with pytest.raises(frappe.ValidationError):
		api.book_service(alice.vin, add_days(nowdate(), 2), "09:00", "x" * (api.WORK_MAX_CHARS + 1))
	frappe.set_user("Administrator")
	assert not frappe.db.exists("Service Appointment", {"vehicle": alice.vin})
