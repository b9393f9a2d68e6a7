"""Events for the desk's calendar views of doctypes whose times are not two Datetime fields."""

import json

import frappe
from frappe.utils import getdate

from dms_app.service import calendar

APPOINTMENT_FIELDS = [
	"name",
	"appointment_date",
	"start_time",
	"estimated_hours",
	"status",
	"customer_name",
	"vehicle",
	"registration_plate",
]


@frappe.whitelist()
def service_appointment_events(
	start: str,
	end: str,
	filters: str | list | None = None,
	doctype: str | None = None,
	field_map: str | None = None,
	fields: str | None = None,
) -> list[dict]:
	"""Service Appointments between start and end (the calendar's range and list filters, with the
	user's permissions), each with a start and end from its date, drop-off time and estimated hours.
	The workshop diary is the staff's: customers see their appointments on the portal."""
	if frappe.session.data.user_type == "Website User":
		raise frappe.PermissionError
	filters = frappe.parse_json(filters) or []
	filters = [
		*filters,
		["Service Appointment", "appointment_date", "between", [getdate(start), getdate(end)]],
	]
	rows = frappe.get_list(
		"Service Appointment",
		fields=APPOINTMENT_FIELDS,
		filters=filters,
		order_by="appointment_date, start_time",
	)
	return [calendar.appointment_event(row) for row in rows]


@frappe.whitelist(methods=["POST"])
def move_service_appointment(args: str | dict, field_map: str | dict | None = None) -> None:
	"""An appointment dragged or resized on the calendar: its date, drop-off time and hours follow,
	and the booking's usual validation (capacity, status) decides."""
	args = frappe._dict(json.loads(args) if isinstance(args, str) else args)
	doc = frappe.get_doc("Service Appointment", args.name)
	doc.update(calendar.moved_slot(args.start, args.end))
	doc.save()
