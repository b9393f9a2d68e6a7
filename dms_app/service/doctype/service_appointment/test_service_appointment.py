"""Service appointments against workshop capacity: refusals, the per-day lock under concurrency,
who may book what (desk roles, website users and other customers' cars), emails sent once, and the
workflow as an admin edits it (a state added, a state renamed, an action restricted)."""

from unittest.mock import patch

import frappe
import pytest
from frappe.email.doctype.notification.notification import trigger_daily_alerts
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate

from dms_app.api import portal as portal_api
from dms_app.api import service as api
from dms_app.controllers import lifecycle
from dms_app.service import appointments
from dms_app.service.appointment_lifecycle import LIFECYCLE
from dms_app.service.setup import APPOINTMENT_NOTIFICATIONS
from dms_app.tests import factories
from dms_app.tests.service_appointments import (
	make_customer_vehicle,
	make_holiday_list,
	make_labour_operation,
	make_technician,
	make_website_user,
)
from dms_app.tests.workflows import add_state_between, edited_workflow, rename_state, restrict_action

DRIVER = "driver@example.com"


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
	"""An appointment requested at the desk, then moved to `status` by the system."""
	doc = frappe.get_doc(
		{
			"doctype": "Service Appointment",
			"vehicle": vehicle or make_customer_vehicle(),
			"appointment_date": day or in_days(3),
			"start_time": start,
			"estimated_hours": hours,
			"contact_email": fields.pop("contact_email", DRIVER),
			**fields,
		}
	).insert()
	return doc if status == "Requested" else lifecycle.reach(doc, status)


def count(day=None):
	return frappe.db.count(
		"Service Appointment", {"appointment_date": day or in_days(3), "status": ("!=", "Cancelled")}
	)


def booked_hours(day=None) -> float:
	return frappe.db.get_value("Workshop Day", day or in_days(3), "booked_hours") or 0


def sent_subjects(name) -> list[str]:
	"""The subjects of the emails sent about an appointment (their Communications: readable in any
	language, where the queued message is encoded)."""
	return frappe.get_all(
		"Communication",
		filters={"reference_doctype": "Service Appointment", "reference_name": name},
		pluck="subject",
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


def open_repair_order(appointment) -> str:
	"""The repair order the advisor opens when the customer arrives (it marks the appointment Arrived)."""
	return (
		frappe.get_doc(
			{
				"doctype": "Repair Order",
				"vehicle": appointment.vehicle,
				"customer": appointment.customer,
				"company": factories.default_company(),
				"service_appointment": appointment.name,
				"jobs": [{"job_no": 1, "pay_type": "Customer", "concern": "Annual service"}],
			}
		)
		.insert()
		.name
	)


def day_arrivals(day=None) -> dict:
	return frappe.parse_json(frappe.db.get_value("Workshop Day", day or in_days(3), "arrivals") or "{}")


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
	apply_workflow(first, "Cancel Appointment")
	book(hours=8, start="11:00")
	apply_workflow(second, "No Show")
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


def test_status_only_moves_forward_and_only_through_the_workflow_or_the_system(workshop):
	doc = book(hours=1)
	apply_workflow(doc, "Customer Arrived")
	apply_workflow(doc, "Complete")
	with pytest.raises(frappe.ValidationError, match="cannot go from Completed to Confirmed"):
		lifecycle.reach(doc, "Confirmed")
	cancelled = book(hours=1, start="10:00")
	apply_workflow(cancelled, "Cancel Appointment")
	with pytest.raises(frappe.ValidationError, match="cannot go from Cancelled to Confirmed"):
		lifecycle.reach(cancelled, "Confirmed")
	confirmed_at_once = frappe.get_doc(
		{
			"doctype": "Service Appointment",
			"vehicle": make_customer_vehicle(),
			"appointment_date": in_days(3),
			"start_time": "11:00",
			"estimated_hours": 1,
			"status": "Confirmed",
		}
	)
	with pytest.raises(frappe.ValidationError, match="starts as Requested"):
		confirmed_at_once.insert()


def test_a_status_edited_directly_is_refused(workshop):
	doc = book(hours=2)
	doc.status = "Cancelled"
	with pytest.raises(frappe.ValidationError, match="through its workflow actions"):
		doc.save()
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	with pytest.raises(frappe.ValidationError, match="through its workflow actions"):
		frappe.client.set_value("Service Appointment", doc.name, "status", "Cancelled")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Appointment", doc.name, "status") == "Confirmed"
	assert booked_hours() == 2


def test_an_arrived_car_keeps_its_hours_when_the_day_is_past(workshop):
	doc = book(hours=2)
	apply_workflow(doc, "Customer Arrived")
	frappe.db.set_value("Service Appointment", doc.name, "appointment_date", add_days(nowdate(), -1))
	doc.reload()
	apply_workflow(doc, "Complete")  # no slot check for a car already in the workshop
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
	assert queued(doc.name, "appointment confirmed")


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
	assert tiny["estimated_hours"] == large["estimated_hours"] == appointments.PORTAL_BOOKING_HOURS
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Appointment", tiny["name"], "contact_email") == user
	assert not frappe.get_all("Email Queue Recipient", filters={"recipient": "x@example.org"})
	assert frappe.db.get_value("Workshop Day", in_days(3), "booked_hours") == 2


def test_a_website_user_cannot_book_for_another_customers_car(workshop):
	mine, theirs = factories.make_customer(), factories.make_customer()
	other_vehicle = make_customer_vehicle(theirs)
	other_booking = book(other_vehicle, hours=1)
	user = make_website_user(mine)
	frappe.set_user(user)
	for vehicle in (other_vehicle, "NOSUCHVIN00000000"):
		with pytest.raises(frappe.PermissionError, match="your own vehicles"):
			api.book_appointment(vehicle, in_days(3), "10:00", hours=1)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Service Appointment", other_booking.name, "status") == "Confirmed"
	assert count() == 1


def test_portal_bookings_wait_for_an_advisor_when_auto_confirm_is_off():
	configure_workshop(auto_confirm_portal_bookings=0)
	customer = factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	frappe.set_user(make_website_user(customer))
	result = api.book_appointment(vehicle, in_days(3), "11:00", hours=1)
	assert result["status"] == "Requested"
	frappe.set_user("Administrator")
	assert not queued(result["name"], "appointment confirmed")


# ------------------------------------------------------------------ emails


def test_confirmation_is_queued_once_and_again_after_a_reschedule(workshop):
	doc = book(hours=1, status="Requested")
	assert not queued(doc.name, "appointment confirmed")
	doc = apply_workflow(doc, "Confirm")
	doc.notes = "Customer waits"
	doc.save()
	assert len(queued(doc.name, "appointment confirmed")) == 1
	assert doc.confirmed_slot
	doc.start_time = "13:00:00"
	doc.save()
	assert len(queued(doc.name, "appointment confirmed")) == 2
	apply_workflow(doc, "Cancel Appointment")
	assert len(queued(doc.name, "appointment confirmed")) == 2


def test_customers_reading_chinese_get_the_chinese_emails(workshop):
	"""The portal account's language first (the portal's switch), else the customer's print language."""
	by_account = factories.make_customer()
	user = make_website_user(by_account)
	frappe.db.set_value("User", user, "language", "zh")
	by_customer = factories.make_customer()
	frappe.db.set_value("Customer", by_customer, "language", "zh")
	for doc in (
		book(make_customer_vehicle(by_account), hours=1, contact_email=user),
		book(make_customer_vehicle(by_customer), hours=1, start="10:00"),
	):
		assert doc.email_language == "zh"
		(subject,) = sent_subjects(doc.name)
		assert subject.startswith("您的维修保养预约已确认"), subject
	english = book(hours=1, start="11:00")
	assert [s.startswith("Service appointment confirmed") for s in sent_subjects(english.name)] == [True]


def test_the_reminder_goes_with_frappes_daily_notifications_for_tomorrows_confirmed_appointments(workshop):
	tomorrow = add_days(nowdate(), 1)
	confirmed = book(day=tomorrow, hours=1)
	requested = book(day=tomorrow, hours=1, start="10:00", status="Requested")
	later = book(day=in_days(3), hours=1)
	with patch.object(frappe.local.db, "commit"):  # the job commits after each email; the test rolls back
		trigger_daily_alerts()  # the scheduler's daily job (frappe/hooks.py)
	assert len(queued(confirmed.name, "reminder")) == 1
	assert not queued(requested.name, "reminder") and not queued(later.name, "reminder")


def test_admin_edits_to_the_notification_and_settings_survive_ensure_defaults():
	from dms_app.setup.defaults import ensure_default_records

	# first on an empty transaction: a custom field it may still have to add is DDL, which commits
	ensure_default_records()
	configure_workshop()
	notification = frappe.get_doc("Notification", "Service Appointment Confirmation")
	notification.subject = "See you on {{ doc.appointment_date }}"
	notification.save()
	frappe.db.set_single_value("DMS Settings", "arrivals_per_slot", 0)
	ensure_default_records()
	assert frappe.db.get_value("Notification", notification.name, "subject") == notification.subject
	assert set(APPOINTMENT_NOTIFICATIONS) <= set(frappe.get_all("Notification", pluck="name"))
	assert appointments.settings().arrivals_per_slot == 0
	doc = book(hours=1)
	assert len(queued(doc.name, "See you on")) == 1  # the admin's subject is the one sent


def test_repair_order_link_marks_the_customer_arrived(workshop):
	doc = book(hours=1)
	repair_order = open_repair_order(doc)
	appointments.link_repair_order(doc.name, repair_order)  # again: the link is kept, nothing moves
	doc.reload()
	assert (doc.status, doc.workflow_state, doc.repair_order) == ("Arrived", "Arrived", repair_order)
	appointments.complete_for_repair_order(repair_order)
	assert frappe.db.get_value("Service Appointment", doc.name, "status") == "Completed"


# ------------------------------------------------------------------ the workflow, as an admin edits it


def test_a_state_added_between_confirmed_and_arrived_books_and_releases_once(workshop):
	book(hours=2, start="08:00")  # the day's other booking: a second release would show
	with edited_workflow("Service Appointment") as workflow:
		add_state_between(workflow, "Confirmed", "Arrived", "Checked In", action="Send to Workshop")
		assert lifecycle.workflow_problems(LIFECYCLE) == []
		doc = apply_workflow(book(hours=3, start="09:00", status="Requested"), "Confirm")
		doc = apply_workflow(doc, "Customer Arrived")
		assert (doc.workflow_state, doc.status) == ("Checked In", "Confirmed")
		doc = apply_workflow(doc, "Send to Workshop")
		assert (doc.workflow_state, doc.status) == ("Arrived", "Arrived")
		assert booked_hours() == 5 and day_arrivals() == {"08:00": 1, "09:00": 1}
		repair_order = open_repair_order(doc)
		doc.reload()
		assert (doc.status, doc.repair_order) == ("Arrived", repair_order)
		doc = apply_workflow(doc, "Cancel Appointment")
		doc.notes = "Went elsewhere"
		doc.save()
		assert (doc.workflow_state, doc.status) == ("Cancelled", "Cancelled")
		assert booked_hours() == 2 and day_arrivals() == {"08:00": 1}
		assert len(queued(doc.name, "appointment confirmed")) == 1


def test_a_renamed_state_keeps_portal_bookings_desk_moves_and_the_repair_order_link(workshop):
	customer, neighbour = factories.make_customer(), factories.make_customer()
	vehicle = make_customer_vehicle(customer)
	user, other_user = make_website_user(customer), make_website_user(neighbour)
	with edited_workflow("Service Appointment") as workflow:
		rename_state(workflow, "Confirmed", "Booked")
		assert lifecycle.workflow_problems(LIFECYCLE) == []
		frappe.set_user(user)
		booked = portal_api.book_service(vehicle, in_days(3), "09:00", "Annual service")
		frappe.set_user("Administrator")
		portal = frappe.get_doc("Service Appointment", booked["name"])
		assert (booked["status"], portal.workflow_state) == ("Confirmed", "Booked")
		assert len(queued(portal.name, "appointment confirmed")) == 1

		desk = apply_workflow(book(hours=3, start="10:00", status="Requested"), "Confirm")
		assert (desk.workflow_state, desk.status) == ("Booked", "Confirmed")
		assert booked_hours() == 4 and len(queued(desk.name, "appointment confirmed")) == 1

		# neither customer moves the appointment in the desk: not the neighbour, nor its owner
		for who in (other_user, user):
			frappe.set_user(who)
			with pytest.raises(frappe.PermissionError):
				apply_workflow(portal.as_json(), "Cancel Appointment")
			with pytest.raises(frappe.PermissionError):
				frappe.client.set_value("Service Appointment", portal.name, "status", "Cancelled")
		frappe.set_user("Administrator")

		open_repair_order(portal)
		portal.reload()
		assert (portal.workflow_state, portal.status) == ("Arrived", "Arrived")
		apply_workflow(desk, "Cancel Appointment")
		assert booked_hours() == 1 and day_arrivals() == {"09:00": 1}


def test_confirm_restricted_to_the_service_manager(workshop):
	advisor = factories.make_user(roles=("Service Advisor",))
	manager = factories.make_user(roles=("Service Manager",))
	vehicles = [make_customer_vehicle(), make_customer_vehicle()]
	with edited_workflow("Service Appointment") as workflow:
		restrict_action(workflow, "Confirm", "Service Manager")
		assert lifecycle.workflow_problems(LIFECYCLE) == []
		frappe.set_user(advisor)
		# the advisor books; confirming it waits for the manager
		booked = api.book_appointment(vehicles[0], in_days(3), "09:00", hours=2, contact_email=DRIVER)
		doc = frappe.get_doc("Service Appointment", booked["name"])
		assert (doc.status, doc.workflow_state) == ("Requested", "Requested")
		with pytest.raises(frappe.ValidationError, match="Not a valid Workflow Action"):
			apply_workflow(doc, "Confirm")
		frappe.set_user(manager)
		doc = apply_workflow(doc, "Confirm")
		assert doc.status == "Confirmed"
		by_manager = api.book_appointment(vehicles[1], in_days(3), "10:00", hours=1, contact_email=DRIVER)
		assert by_manager["status"] == "Confirmed"
		frappe.set_user(advisor)
		apply_workflow(frappe.get_doc("Service Appointment", doc.name), "Cancel Appointment")
		frappe.set_user("Administrator")
		assert booked_hours() == 1 and day_arrivals() == {"10:00": 1}
		assert (
			len(queued(doc.name, "appointment confirmed"))
			== len(queued(by_manager["name"], "appointment confirmed"))
			== 1
		)


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
	apply_workflow(book(hours=3, start="11:00"), "Cancel Appointment")
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


# ------------------------------------------------------------------ existing sites


def test_the_patch_brings_an_existing_sites_appointments_onto_the_workflow(workshop):
	from dms_app.patches.v1 import service_appointment_workflow

	customer = factories.make_customer()
	frappe.db.set_value("Customer", customer, "language", "zh")
	confirmed = book(make_customer_vehicle(customer), hours=2)
	requested = book(hours=1, start="10:00", status="Requested")
	# as the site had them before: no workflow state, confirmed drop-off or email language
	frappe.db.sql(
		"""update `tabService Appointment` set workflow_state = null, confirmed_slot = null,
		email_language = null where name in %s""",
		[(confirmed.name, requested.name)],
	)
	service_appointment_workflow.execute()
	assert frappe.db.get_value(
		"Service Appointment", confirmed.name, ["workflow_state", "confirmed_slot", "email_language"]
	) == ("Confirmed", appointments.confirmed_slot(confirmed), "zh")
	assert frappe.db.get_value(
		"Service Appointment", requested.name, ["workflow_state", "confirmed_slot"]
	) == (
		"Requested",
		None,
	)
	confirmed.reload()
	confirmed.notes = "Saved after the upgrade"
	confirmed.save()
	assert len(sent_subjects(confirmed.name)) == 1  # the confirmation it had, and no second one
	assert lifecycle.workflow_problems(LIFECYCLE) == []
