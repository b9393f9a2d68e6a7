"""Service appointments against workshop capacity: refusals, the per-day lock under concurrency,
who may book what (desk roles, website users and other customers' cars), and emails sent once."""

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.api import service as api
from dms_app.service import appointments
from dms_app.tests import factories
from dms_app.tests.service_appointments import (
	make_customer_vehicle,
	make_holiday_list,
	make_labour_operation,
	make_technician,
	make_website_user,
)


def in_days(days: int) -> str:
	return add_days(nowdate(), days)


def configure_workshop(technicians: int = 2, hours: float = 8, **values) -> list[str]:
	"""A known workshop: `technicians` of `hours` each, 08:00-17:00, 30-minute slots, 2 arrivals a slot."""
	frappe.db.set_value("Employee", {"is_technician": 1}, "status", "Inactive")
	settings = {
		"technician_hours_per_day": 8,
		"workshop_opens": "08:00:00",
		"workshop_closes": "17:00:00",
		"appointment_slot_minutes": 30,
		"arrivals_per_slot": 2,
		"booking_horizon_days": 90,
		"auto_confirm_portal_bookings": 1,
		**values,
	}
	for field, value in settings.items():
		frappe.db.set_single_value("DMS Settings", field, value)
	ensure_outgoing_email()
	holidays = make_holiday_list()
	return [make_technician(hours, holiday_list=holidays) for _ in range(technicians)]


def ensure_outgoing_email():
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Test Workshop Outbox",
				"email_id": "workshop@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"no_smtp_authentication": 1,
			}
		).insert()
	frappe.local.outgoing_email_account = {}  # find_outgoing caches per request


def book(vehicle=None, day=None, start="09:00", hours=4.0, status="Confirmed", **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Service Appointment",
			"vehicle": vehicle or make_customer_vehicle(),
			"appointment_date": day or in_days(3),
			"start_time": start,
			"estimated_hours": hours,
			"status": status,
			"contact_email": fields.pop("contact_email", "driver@example.com"),
			**fields,
		}
	)
	return doc.insert()


def count(day=None):
	return frappe.db.count(
		"Service Appointment", {"appointment_date": day or in_days(3), "status": ("!=", "Cancelled")}
	)


def queued(name, subject_part):
	return frappe.get_all(
		"Email Queue",
		filters={
			"reference_doctype": "Service Appointment",
			"reference_name": name,
			"message": ("like", f"%{subject_part}%"),
		},
		pluck="name",
	)


@pytest.fixture
def workshop():
	return configure_workshop()


# ------------------------------------------------------------------ capacity


def test_bookings_fill_the_day_and_the_next_hour_is_refused_writing_nothing(workshop):
	book(hours=10, start="08:00")
	book(hours=6, start="08:30")
	assert count() == 2
	with pytest.raises(frappe.ValidationError, match=r"fully booked.*: 0 of 16 technician hours are free"):
		book(hours=0.5, start="10:00")
	assert count() == 2
	day = frappe.get_doc("Workshop Day", in_days(3))
	assert (day.capacity_hours, day.booked_hours, day.free_hours) == (16, 16, 0)
	assert frappe.parse_json(day.arrivals) == {"08:00": 1, "08:30": 1}


def test_cancelling_frees_the_hours_and_no_show_too(workshop):
	first = book(hours=8, start="08:00")
	second = book(hours=8, start="08:30")
	with pytest.raises(frappe.ValidationError, match="fully booked"):
		book(hours=2, start="11:00")
	first.set_status("Cancelled")
	book(hours=8, start="11:00")
	second.status = "No Show"
	second.save()
	assert frappe.db.get_value("Workshop Day", in_days(3), "free_hours") == 8


def test_absences_and_holidays_reduce_capacity(workshop):
	frappe.get_doc(
		{
			"doctype": "Technician Absence",
			"employee": workshop[0],
			"from_date": in_days(3),
			"to_date": in_days(3),
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "Technician Absence",
			"employee": workshop[1],
			"from_date": add_days(in_days(3), -1),
			"to_date": add_days(in_days(3), 2),
			"available_hours": 3,
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="3 of 3 technician hours are free"):
		book(hours=4)
	book(hours=3)
	closed = add_days(in_days(3), 7)
	holidays = make_holiday_list([closed])
	for technician in workshop:
		frappe.db.set_value("Employee", technician, "holiday_list", holidays)
	with pytest.raises(frappe.ValidationError, match="no technician hours"):
		book(day=closed, hours=1)


def test_technician_hours_default_from_settings_and_per_employee():
	configure_workshop(technicians=1, hours=None, technician_hours_per_day=6)
	make_technician(2.5, holiday_list=make_holiday_list())
	assert appointments.capacity_by_day(
		frappe.utils.getdate(in_days(3)), frappe.utils.getdate(in_days(3))
	) == {frappe.utils.getdate(in_days(3)): 8.5}


def test_a_drop_off_slot_takes_only_so_many_arrivals(workshop):
	book(hours=1, start="09:00")
	book(hours=1, start="09:00")
	with pytest.raises(frappe.ValidationError, match="already has 2 vehicles arriving"):
		book(hours=1, start="09:00")
	book(hours=1, start="09:30")


@pytest.mark.parametrize(
	("offset", "start", "message"),
	[
		(-1, "09:00", "in the past"),
		(0, "00:00", "in the past"),
		(120, "09:00", "up to 90 days ahead"),
		(3, "07:30", "outside the workshop's hours"),
		(3, "17:00", "outside the workshop's hours"),
	],
)
def test_bad_slots_are_refused(workshop, offset, start, message):
	day = in_days(offset)
	with pytest.raises(frappe.ValidationError, match=message):
		book(day=day, start=start, hours=1)
	assert not frappe.db.exists("Service Appointment", {"appointment_date": day})


def test_hours_come_from_the_work_and_are_required(workshop):
	operation = make_labour_operation(hours=1.5)
	doc = book(
		hours=0, work=[{"labour_operation": operation}, {"description": "Rattle", "estimated_hours": 0.5}]
	)
	assert doc.estimated_hours == 2
	assert doc.work[0].description == f"Operation {operation}"
	with pytest.raises(frappe.ValidationError, match="estimated hours"):
		book(hours=0)


def test_status_only_moves_forward(workshop):
	doc = book(hours=1)
	doc.set_status("Arrived")
	doc.set_status("Completed")
	with pytest.raises(frappe.ValidationError, match="A Completed appointment cannot become Confirmed"):
		doc.set_status("Confirmed")
	cancelled = book(hours=1, start="10:00")
	cancelled.set_status("Cancelled")
	with pytest.raises(frappe.ValidationError, match="cannot become"):
		cancelled.set_status("Confirmed")


def test_an_arrived_car_keeps_its_hours_when_the_day_is_past(workshop):
	doc = book(hours=2)
	doc.set_status("Arrived")
	frappe.db.set_value("Service Appointment", doc.name, "appointment_date", add_days(nowdate(), -1))
	doc.reload()
	doc.set_status("Completed")  # no slot check for a car already in the workshop
	assert doc.status == "Completed"


def test_available_slots_skip_full_days_and_report_free_hours(workshop):
	book(hours=13, start="08:00")
	slots = api.available_slots(in_days(3), add_days(in_days(3), 1), 4)
	assert {s["date"] for s in slots} == {add_days(in_days(3), 1)}
	next_day = [s for s in slots if s["date"] == add_days(in_days(3), 1)]
	assert next_day[0] == {"date": add_days(in_days(3), 1), "start_time": "08:00", "free_hours": 16}
	assert len(next_day) == 18  # 08:00 .. 16:30 every 30 minutes
	small = api.available_slots(in_days(3), in_days(3), 3)
	assert small[0]["free_hours"] == 3 and "08:00" in {s["start_time"] for s in small}


def test_available_slots_refuse_bad_input(workshop):
	with pytest.raises(frappe.ValidationError, match="not a valid date"):
		api.available_slots("31-31-2026", in_days(3), 1)
	with pytest.raises(frappe.ValidationError, match="before From Date"):
		api.available_slots(in_days(3), add_days(in_days(3), -2), 1)
	with pytest.raises(frappe.ValidationError, match="more than 0"):
		api.available_slots(in_days(3), in_days(3), 0)
	with pytest.raises(frappe.ValidationError, match="at most 62 days"):
		api.available_slots(nowdate(), add_days(nowdate(), 80), 1)
	assert api.available_slots(add_days(nowdate(), -10), add_days(nowdate(), -5), 1) == []


# ------------------------------------------------------------------ who may book


def test_a_service_advisor_books_through_the_api(workshop):
	vehicle = make_customer_vehicle()
	advisor = factories.make_user(roles=("Service Advisor",))
	frappe.set_user(advisor)
	result = api.book_appointment(vehicle, in_days(3), "10:00", hours=2, notes="Brakes squeal")
	doc = frappe.get_doc("Service Appointment", result["name"])
	assert (doc.status, doc.source, doc.service_advisor) == ("Confirmed", "Desk", advisor)
	assert doc.customer == frappe.db.get_value("Motor Vehicle", vehicle, "customer")


def test_a_technician_may_not_book(workshop):
	vehicle = make_customer_vehicle()
	frappe.set_user(factories.make_user(roles=("Technician",)))
	with pytest.raises(frappe.PermissionError):
		api.book_appointment(vehicle, in_days(3), "10:00", hours=2)
	with pytest.raises(frappe.PermissionError):
		book(vehicle, hours=1)


def test_a_website_user_books_their_own_car_with_bookable_operations(workshop):
	customer = factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	service = make_labour_operation(hours=2, bookable_online=1)
	internal = make_labour_operation(hours=1)
	user = make_website_user(customer)
	frappe.set_user(user)
	assert service in {op["labour_operation"] for op in api.bookable_operations(vehicle)}
	assert internal not in {op["labour_operation"] for op in api.bookable_operations(vehicle)}
	result = api.book_appointment(
		vehicle,
		in_days(3),
		"09:30",
		work=[{"labour_operation": service, "estimated_hours": 0.1}],
		notes="Annual",
	)
	assert result["status"] == "Confirmed" and result["estimated_hours"] == 2  # flat hours, not 0.1
	with pytest.raises(frappe.ValidationError, match="cannot be booked"):
		api.book_appointment(vehicle, in_days(3), "10:30", work=[internal])
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Service Appointment", result["name"])
	assert (doc.source, doc.customer, doc.contact_email) == ("Portal", customer, user)
	assert queued(doc.name, "is confirmed")


def test_a_website_user_cannot_choose_the_hours_or_the_email_address(workshop):
	"""The customer's own figures would overbook (tiny) or block the day (large); the confirmation goes
	to their own address, never one they type in."""
	customer = factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	user = make_website_user(customer)
	frappe.set_user(user)
	tiny = api.book_appointment(vehicle, in_days(3), "09:00", hours=0.05, contact_email="x@example.org")
	large = api.book_appointment(
		vehicle, in_days(3), "09:30", work=[{"description": "Everything", "estimated_hours": 16}]
	)
	assert tiny["estimated_hours"] == large["estimated_hours"] == api.PORTAL_BOOKING_HOURS
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Appointment", tiny["name"], "contact_email") == user
	assert not frappe.get_all("Email Queue Recipient", filters={"recipient": "x@example.org"})
	assert frappe.db.get_value("Workshop Day", in_days(3), "booked_hours") == 2


def test_a_website_user_cannot_book_or_cancel_for_another_customers_car(workshop):
	mine, theirs = factories.make_customer(), factories.make_customer()
	other_vehicle = make_customer_vehicle(theirs)
	other_booking = book(other_vehicle, hours=1)
	user = make_website_user(mine)
	frappe.set_user(user)
	for vehicle in (other_vehicle, "NOSUCHVIN00000000"):
		with pytest.raises(frappe.PermissionError, match="your own vehicles"):
			api.book_appointment(vehicle, in_days(3), "10:00", hours=1)
		with pytest.raises(frappe.PermissionError):
			api.bookable_operations(vehicle)
	with pytest.raises(frappe.DoesNotExistError):
		api.cancel_appointment(other_booking.name)
	assert api.my_appointments() == []
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Appointment", other_booking.name, "status") == "Confirmed"
	assert count() == 1


def test_a_website_user_cancels_their_own_booking_and_sees_it(workshop):
	customer = factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	frappe.set_user(make_website_user(customer))
	result = api.book_appointment(vehicle, in_days(3), "11:00", hours=1)
	assert [a.name for a in api.my_appointments()] == [result["name"]]
	assert api.cancel_appointment(result["name"], reason="Away")["status"] == "Cancelled"
	with pytest.raises(frappe.ValidationError, match="can no longer be cancelled"):
		api.cancel_appointment(result["name"])


def test_portal_bookings_wait_for_an_advisor_when_auto_confirm_is_off():
	configure_workshop(auto_confirm_portal_bookings=0)
	customer = factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	frappe.set_user(make_website_user(customer))
	result = api.book_appointment(vehicle, in_days(3), "11:00", hours=1)
	assert result["status"] == "Requested"
	frappe.set_user("Administrator")
	assert not queued(result["name"], "is confirmed")


# ------------------------------------------------------------------ emails


def test_confirmation_is_queued_once_and_again_after_a_reschedule(workshop):
	doc = book(hours=1, status="Requested")
	assert not queued(doc.name, "is confirmed")
	doc.set_status("Confirmed")
	doc.notes = "Customer waits"
	doc.save()
	assert len(queued(doc.name, "is confirmed")) == 1
	assert doc.confirmation_sent_on
	doc.start_time = "13:00:00"
	doc.save()
	assert len(queued(doc.name, "is confirmed")) == 2


def test_reminder_is_sent_once_for_tomorrows_confirmed_appointments(workshop):
	tomorrow = add_days(nowdate(), 1)
	confirmed = book(day=tomorrow, hours=1)
	requested = book(day=tomorrow, hours=1, start="10:00", status="Requested")
	book(day=in_days(3), hours=1)
	assert appointments.send_reminders() == 1
	assert appointments.send_reminders() == 0
	assert len(queued(confirmed.name, "reminder")) == 1
	assert not queued(requested.name, "reminder")
	assert frappe.db.get_value("Service Appointment", confirmed.name, "reminder_sent_on")


def test_admin_edits_to_the_email_template_and_settings_survive_ensure_defaults():
	from dms_app.setup.defaults import ensure_default_records

	# first on an empty transaction: a custom field it may still have to add is DDL, which commits
	ensure_default_records()
	configure_workshop()
	template = frappe.get_doc("Email Template", appointments.CONFIRMATION_TEMPLATE)
	template.subject = "See you on {{ appointment_date }}"
	template.save()
	frappe.db.set_single_value("DMS Settings", "arrivals_per_slot", 0)
	ensure_default_records()
	assert (
		frappe.db.get_value("Email Template", template.name, "subject") == "See you on {{ appointment_date }}"
	)
	assert appointments.settings().arrivals_per_slot == 0
	doc = book(hours=1)
	assert len(queued(doc.name, "See you on")) == 1  # the admin's subject is the one sent


def test_repair_order_link_marks_the_customer_arrived(workshop):
	doc = book(hours=1)
	repair_order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": doc.vehicle,
			"customer": doc.customer,
			"company": factories.default_company(),
			"service_appointment": doc.name,
			"jobs": [{"job_no": 1, "pay_type": "Customer", "concern": "Annual service"}],
		}
	).insert()
	appointments.link_repair_order(doc.name, repair_order.name)
	doc.reload()
	assert (doc.status, doc.repair_order) == ("Arrived", repair_order.name)
	appointments.complete_for_repair_order(repair_order.name)
	assert frappe.db.get_value("Service Appointment", doc.name, "status") == "Completed"


# ------------------------------------------------------------------ concurrency


@pytest.mark.parametrize("how", ["new booking", "reschedule"])
def test_two_bookings_of_the_last_hours_at_once_exactly_one_wins(frappe_site, how):
	"""Two real connections take the day's last 4 hours at the same moment, by booking anew or by
	moving an appointment from another day (committed setup, cleaned up)."""
	had_model = frappe.db.exists("Vehicle Model", "Honda Accord")
	had_make = frappe.db.exists("Vehicle Make", "Honda")
	trim = factories.make_vehicle_trim("Honda", "Accord")
	holidays = make_holiday_list()
	technician = make_technician(8, holiday_list=holidays)
	vehicles = [
		make_customer_vehicle(trim=trim),
		make_customer_vehicle(trim=trim),
		make_customer_vehicle(trim=trim),
	]
	day = frappe.utils.getdate(in_days(3))
	total = appointments.capacity_by_day(day, day)[day] - appointments.booked_by_day(day, day).get(day, 0)
	book(vehicles[2], hours=total - 4, start="08:00", status="Requested")
	movers = {}
	if how == "reschedule":
		for vehicle, start in zip(vehicles[:2], ("10:00", "10:30"), strict=True):
			movers[vehicle] = book(vehicle, day=in_days(5), hours=4, start=start, status="Requested").name
	frappe.db.commit()

	def move_or_book(vehicle, start):
		def attempt(ready):
			if vehicle in movers:
				doc = frappe.get_doc("Service Appointment", movers[vehicle])
				doc.appointment_date = in_days(3)
			else:
				doc = frappe.get_doc(
					{
						"doctype": "Service Appointment",
						"vehicle": vehicle,
						"appointment_date": in_days(3),
						"start_time": start,
						"estimated_hours": 4,
						"status": "Requested",
					}
				)
			frappe.db.sql("select count(*) from `tabService Appointment`")  # an old snapshot, as in a request
			ready()
			doc.save()
			return doc.name

		return attempt

	attempts = {s: move_or_book(v, s) for v, s in zip(vehicles[:2], ("10:00", "10:30"), strict=True)}
	try:
		_winner, (_start, error) = factories.race(frappe_site, attempts)
		assert isinstance(error, frappe.ValidationError), error.trace
		assert "fully booked" in str(error), error.trace
		assert (
			frappe.db.count("Service Appointment", {"vehicle": ("in", vehicles), "appointment_date": day})
			== 2
		)
		capacity_hours = appointments.capacity_by_day(day, day)[day]
		assert frappe.db.get_value("Workshop Day", str(day), "booked_hours") == capacity_hours
	finally:
		frappe.db.rollback()
		names = frappe.get_all("Service Appointment", {"vehicle": ("in", vehicles)}, pluck="name")
		if names:
			frappe.db.delete("Service Appointment Work", {"parent": ("in", names)})
			frappe.db.delete("Service Appointment", {"name": ("in", names)})
		appointments.recount_day(day)
		appointments.recount_day(in_days(5))
		frappe.db.delete("Workshop Day", {"name": ("in", (str(day), in_days(5))), "booked_hours": 0})
		item = frappe.db.get_value("Vehicle Trim", trim, "item")
		for vin in vehicles:
			customer = frappe.db.get_value("Motor Vehicle", vin, "customer")
			frappe.delete_doc("Motor Vehicle", vin, force=True, delete_permanently=True)
			frappe.delete_doc("Customer", customer, force=True, delete_permanently=True)
		frappe.delete_doc("Vehicle Trim", trim, force=True, delete_permanently=True)
		frappe.delete_doc("Item", item, force=True, delete_permanently=True)
		if not had_model:
			frappe.delete_doc("Vehicle Model", "Honda Accord", force=True, delete_permanently=True)
		if not had_make:
			frappe.delete_doc("Vehicle Make", "Honda", force=True, delete_permanently=True)
		frappe.delete_doc("Employee", technician, force=True, delete_permanently=True)
		frappe.delete_doc("Holiday List", holidays, force=True, delete_permanently=True)
		frappe.db.commit()


def test_workshop_capacity_report_shows_booked_and_free_hours_per_day(workshop):
	from dms_app.service.report.workshop_capacity.workshop_capacity import execute

	book(hours=4)
	book(hours=2, start="10:00", status="Requested")
	book(hours=3, start="11:00").set_status("Cancelled")
	_columns, rows, _message, chart = execute({"from_date": in_days(3), "to_date": in_days(4)})
	first = rows[0]
	assert (first["appointments"], first["capacity_hours"], first["booked_hours"], first["free_hours"]) == (
		2,
		16,
		6,
		10,
	)
	assert first["load"] == 37.5 and rows[1]["booked_hours"] == 0
	assert chart["data"]["datasets"][0]["values"] == [6, 0]
	with pytest.raises(frappe.ValidationError, match="before From Date"):
		execute({"from_date": in_days(4), "to_date": in_days(3)})


def test_the_day_row_follows_reschedules_deletes_and_can_be_recounted(workshop):
	first = book(hours=3, start="09:00", status="Requested")
	second = book(hours=2, start="09:00")
	first.appointment_date = in_days(4)
	first.save()
	assert frappe.db.get_value("Workshop Day", in_days(3), ["booked_hours", "arrivals"]) == (
		2,
		'{"09:00": 1}',
	)
	assert frappe.db.get_value("Workshop Day", in_days(4), "booked_hours") == 3
	first.delete()
	assert frappe.db.get_value("Workshop Day", in_days(4), ["booked_hours", "arrivals"]) == (0, "{}")
	frappe.db.set_value("Service Appointment", second.name, "status", "Cancelled")  # around the controller
	appointments.recount_day(in_days(3))
	assert frappe.db.get_value("Workshop Day", in_days(3), ["booked_hours", "free_hours"]) == (0, 16)
	with pytest.raises(frappe.ValidationError, match="Choose the vehicle"):
		book(vehicle="NOSUCHVIN00000000", hours=1)


def test_daily_recount_repairs_upcoming_days_changed_around_the_controller(workshop):
	kept = book(hours=3, start="09:00")
	moved = book(hours=2, start="10:00")
	frappe.db.set_value("Service Appointment", moved.name, "appointment_date", in_days(4))
	frappe.db.set_value("Workshop Day", in_days(3), "booked_hours", 11)  # drifted
	appointments.recount_upcoming_days()
	assert frappe.db.get_value("Workshop Day", in_days(3), ["booked_hours", "arrivals"]) == (
		kept.estimated_hours,
		'{"09:00": 1}',
	)
	assert frappe.db.get_value("Workshop Day", in_days(4), ["booked_hours", "free_hours"]) == (2, 14)
