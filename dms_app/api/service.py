"""Service-appointment methods for the desk and the customer portal: the drop-off slots (whitelisted)
and the booking the portal's book_service makes.

Each checks the caller server-side: website users act only for the Customers linked to their
Contact (their own vehicles); desk users need the doctype permission.
"""

import frappe
from frappe import _
from frappe.utils import cint, flt, get_time, getdate

from dms_app.controllers import lifecycle
from dms_app.service import appointments
from dms_app.service.appointment_lifecycle import CONFIRMED


@frappe.whitelist()
def available_slots(from_date: str, to_date: str, hours: float) -> list[dict]:
	"""Drop-off slots that can take `hours` of work: [{date, start_time, free_hours}]. Website users
	(customers) get [{date, start_time}]: the workshop's free capacity is not theirs to see."""
	slots = appointments.slots(_date(from_date), _date(to_date), _hours(hours))
	if (
		frappe.session.user == "Guest"
		or frappe.get_cached_value("User", frappe.session.user, "user_type") == "Website User"
	):
		return [{"date": slot["date"], "start_time": slot["start_time"]} for slot in slots]
	return slots


def book_appointment(
	vehicle: str,
	date: str,
	start_time: str,
	work: str | list | None = None,
	hours: float | None = None,
	notes: str | None = None,
	contact_email: str | None = None,
	contact_phone: str | None = None,
	mileage: int | None = None,
	customer: str | None = None,
) -> dict:
	"""Book a slot for a vehicle; `work` is a list of labour operation codes or of
	{labour_operation, description, estimated_hours}. Capacity is checked under the day's lock.
	Not an endpoint: the portal's book_service (dms_app.api.portal) books through it; the desk books
	on the Service Appointment form.

	Website users book only for the vehicle's owner, at the workshop's hours (flat hours of the
	operations, else appointments.PORTAL_BOOKING_HOURS) and with their own email as contact: the
	confirmation is not sent to an address they type in."""
	owner, via_portal = appointments.check_vehicle_access(vehicle)
	lines = _work_lines(work, via_portal)
	if via_portal:
		hours, contact_email = appointments.PORTAL_BOOKING_HOURS, frappe.session.user
	doc = frappe.new_doc("Service Appointment")
	doc.update(
		{
			"vehicle": vehicle,
			"customer": owner if via_portal else (customer or owner),
			"appointment_date": _date(date),
			"start_time": _time(start_time),
			"estimated_hours": flt(hours) if hours else 0,
			"notes": notes,
			"contact_email": contact_email,
			"contact_phone": contact_phone,
			"mileage": cint(mileage) or None,
			"source": "Portal" if via_portal else "Desk",
			"work": lines,
		}
	)
	if via_portal:
		doc.insert(ignore_permissions=True)  # website users have no doctype rights; vehicle checked above
		if appointments.settings().auto_confirm_portal_bookings:
			lifecycle.reach(doc, CONFIRMED)
	else:
		doc.service_advisor = frappe.session.user
		doc.insert()
		# the advisor confirms as they book, if their workflow actions allow it (else it waits)
		doc = lifecycle.take_action(doc, CONFIRMED) or doc
	return _summary(doc)


def _work_lines(work, via_portal: bool) -> list[dict]:
	if isinstance(work, str):
		work = frappe.parse_json(work) if work.strip() else []
	lines = []
	for entry in work or []:
		line = {"labour_operation": entry} if isinstance(entry, str) else dict(entry)
		line = {k: line.get(k) for k in ("labour_operation", "description", "estimated_hours")}
		operation = line.get("labour_operation")
		if operation:
			fields = frappe.db.get_value(
				"Labour Operation", operation, ["disabled", "bookable_online"], as_dict=True
			)
			if not fields or fields.disabled or (via_portal and not fields.bookable_online):
				frappe.throw(_("Labour operation {0} cannot be booked").format(operation))
		if via_portal:
			line["estimated_hours"] = None  # the workshop's flat hours, not the customer's guess
		lines.append(line)
	return lines


def _summary(doc) -> dict:
	return {
		"name": doc.name,
		"status": doc.status,
		"vehicle": doc.vehicle,
		"appointment_date": str(doc.appointment_date),
		"start_time": get_time(doc.start_time).strftime("%H:%M"),
		"estimated_hours": flt(doc.estimated_hours),
	}


def _date(value):
	try:
		return getdate(value)
	except Exception:
		frappe.throw(_("{0} is not a valid date").format(frappe.bold(value)))


def _time(value):
	try:
		return get_time(value).strftime("%H:%M:%S")
	except Exception:
		frappe.throw(_("{0} is not a valid time").format(frappe.bold(value)))


def _hours(value) -> float:
	try:
		return float(value)
	except (TypeError, ValueError):
		frappe.throw(_("{0} is not a number of hours").format(frappe.bold(value)))
