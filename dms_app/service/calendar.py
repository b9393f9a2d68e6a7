"""Service appointments as calendar events: an appointment has a date, a drop-off time and estimated
hours; the desk calendar needs a start and an end."""

from datetime import datetime, timedelta

from frappe.utils import flt, get_datetime, get_time, getdate

DEFAULT_HOURS = 1.0
"""How long an appointment without estimated hours shows on the calendar."""

STATUS_COLOURS = {
	"Requested": "orange",
	"Confirmed": "blue",
	"Arrived": "purple",
	"Completed": "green",
	"Cancelled": "red",
	"No Show": "gray",
}


def appointment_start(appointment_date, start_time) -> datetime:
	return datetime.combine(getdate(appointment_date), get_time(start_time or "00:00:00"))


def appointment_event(row: dict) -> dict:
	"""One calendar event for a Service Appointment row (name, appointment_date, start_time, …)."""
	start = appointment_start(row["appointment_date"], row.get("start_time"))
	end = start + timedelta(hours=flt(row.get("estimated_hours")) or DEFAULT_HOURS)
	who = row.get("customer_name") or row.get("vehicle") or row["name"]
	plate = row.get("registration_plate")
	return {
		"name": row["name"],
		"doctype": "Service Appointment",
		"start": start.strftime("%Y-%m-%d %H:%M:%S"),
		"end": end.strftime("%Y-%m-%d %H:%M:%S"),
		"title": f"{who} ({plate})" if plate else who,
		"status": row.get("status"),
		"color": STATUS_COLOURS.get(row.get("status"), "blue"),
		"allDay": 0,
	}


def moved_slot(start, end) -> dict:
	"""The appointment fields for an event dragged / resized to [start, end]."""
	start, end = get_datetime(start), get_datetime(end)
	values = {"appointment_date": start.date(), "start_time": start.time()}
	if end and end > start:
		values["estimated_hours"] = round((end - start).total_seconds() / 3600, 2)
	return values
