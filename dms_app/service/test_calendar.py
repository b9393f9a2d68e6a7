"""The desk's calendar views of Service Appointments and Technician Time Logs, called as the desk calls them."""

import json

import frappe
from frappe.desk.calendar import get_events
from frappe.utils import add_days, add_to_date, get_datetime, nowdate

from dms_app.api import calendar as calendar_api
from dms_app.service.doctype.service_appointment.test_service_appointment import book, configure_workshop
from dms_app.tests.repair_orders import make_employee

APPOINTMENT_FIELD_MAP = {"start": "start", "end": "end", "id": "name", "title": "title", "allDay": "allDay"}


def desk_args(day_from: int, day_to: int, **extra) -> dict:
	"""What frappe.views.Calendar.get_args sends (JSON strings, as over HTTP)."""
	return {
		"doctype": "Service Appointment",
		"start": f"{add_days(nowdate(), day_from)} 00:00:00",
		"end": f"{add_days(nowdate(), day_to)} 00:00:00",
		"filters": json.dumps([]),
		"field_map": json.dumps(APPOINTMENT_FIELD_MAP),
		**extra,
	}


def test_service_appointments_show_on_the_calendar_from_date_time_and_hours():
	configure_workshop()
	appointment = book(day=add_days(nowdate(), 3), start="09:30", hours=2.5)
	outside = book(day=add_days(nowdate(), 40), start="10:00", hours=1)

	events = calendar_api.service_appointment_events(**desk_args(0, 7))
	names = [event["name"] for event in events]
	assert appointment.name in names and outside.name not in names
	event = next(e for e in events if e["name"] == appointment.name)
	assert event["start"] == f"{add_days(nowdate(), 3)} 09:30:00"
	assert event["end"] == f"{add_days(nowdate(), 3)} 12:00:00"
	assert event["title"].startswith(appointment.customer_name or appointment.vehicle)
	assert event["color"] == "blue" and event["allDay"] == 0
	# the list view's filters apply
	filtered = calendar_api.service_appointment_events(
		**desk_args(0, 7, filters=json.dumps([["Service Appointment", "status", "=", "Requested"]]))
	)
	assert appointment.name not in [e["name"] for e in filtered]


def test_dragging_an_appointment_on_the_calendar_moves_it():
	configure_workshop()
	appointment = book(day=add_days(nowdate(), 3), start="09:00", hours=2)
	new_day = add_days(nowdate(), 4)
	calendar_api.move_service_appointment(
		json.dumps({"name": appointment.name, "start": f"{new_day} 10:00:00", "end": f"{new_day} 13:00:00"}),
		json.dumps(APPOINTMENT_FIELD_MAP),
	)
	appointment.reload()
	assert str(appointment.appointment_date) == new_day
	assert str(appointment.start_time) == "10:00:00" and appointment.estimated_hours == 3


def test_technician_time_logs_show_on_the_standard_calendar():
	employee = make_employee()
	start = get_datetime(add_to_date(nowdate(), hours=9))
	log = frappe.get_doc(
		{
			"doctype": "Technician Time Log",
			"employee": employee,
			"start": start,
			"end": add_to_date(start, hours=2),
			"hours": 2,
		}
	)
	log.flags.ignore_mandatory = True
	log.db_insert()
	field_map = {"start": "start", "end": "end", "id": "name", "title": "employee_name", "allDay": "allDay"}
	events = get_events(
		"Technician Time Log",
		f"{add_days(nowdate(), -1)} 00:00:00",
		f"{add_days(nowdate(), 2)} 00:00:00",
		json.dumps(field_map),
		json.dumps([]),
	)
	assert log.name in [event.name for event in events]


def test_the_desk_loads_both_calendar_views():
	from frappe.desk.form.meta import get_meta

	assert "dms_app.api.calendar.service_appointment_events" in get_meta(
		"Service Appointment", cached=False
	).get("__calendar_js")
	assert 'frappe.views.calendar["Technician Time Log"]' in get_meta(
		"Technician Time Log", cached=False
	).get("__calendar_js")
