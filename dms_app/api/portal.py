"""Whitelisted methods behind the customer portal pages.

Every method starts from the session user's customers (`require_customers`: Guest and unlinked
users are refused) and touches only records whose customer is one of them; someone else's record
answers exactly like a missing one (404). The service area's own methods do the work (recording
decisions, capacity, booking) and check the caller again.
"""

import frappe
from frappe import _

from dms_app.api.repair_orders import decide_lines as record_decisions
from dms_app.api.service import available_slots as service_slots
from dms_app.api.service import book_appointment
from dms_app.portal import queries
from dms_app.portal.customer import require_customers

# Workshop hours a portal booking reserves until the advisor plans the work.
BOOKING_HOURS = 1.0
# What the customer may write about the work (the booking form's limit too).
WORK_MAX_CHARS = 500


@frappe.whitelist()
def repair_status():
	"""Status, promised time and line approvals of the customer's open repair orders (polled)."""
	return queries.status_payload(require_customers())


@frappe.whitelist(methods=["POST"])
def decide_lines(repair_order: str, decisions):
	"""Approve or decline proposed lines of one of the customer's repair orders.

	`decisions`: {line name: "Approved" | "Declined"}. The service area's decide_lines validates
	the lines and records decision, time, user and "Portal" on each."""
	customers = require_customers()
	order = queries.repair_order(repair_order, customers)
	record_decisions(order.name, decisions)
	return queries.status_payload(customers)


@frappe.whitelist()
def available_slots(from_date: str, to_date: str | None = None):
	"""Free drop-off slots grouped by day: [{date, label, free_hours, slots: ["08:00", ...]}]."""
	require_customers()
	days = {}
	for slot in service_slots(from_date, to_date or from_date, BOOKING_HOURS):
		day = days.setdefault(
			slot["date"],
			{
				"date": slot["date"],
				"label": frappe.format(slot["date"], {"fieldtype": "Date"}),
				"free_hours": 0,
				"slots": [],
			},
		)
		day["free_hours"] = max(day["free_hours"], slot["free_hours"])
		day["slots"].append(slot["start_time"])
	return list(days.values())


@frappe.whitelist(methods=["POST"])
def book_service(vehicle: str, appointment_date: str, start_time: str, work: str | None = None):
	"""Request a service appointment for one of the customer's vehicles (the service area books it
	against capacity and emails the confirmation once the appointment is confirmed)."""
	car = queries.vehicle(vehicle, require_customers())
	if work and len(work) > WORK_MAX_CHARS:
		frappe.throw(_("Describe the work in at most {0} characters.").format(WORK_MAX_CHARS))
	result = book_appointment(
		vehicle=car.name, date=appointment_date, start_time=start_time, hours=BOOKING_HOURS, notes=work
	)
	result["label"] = "{} {}".format(
		frappe.format(result["appointment_date"], {"fieldtype": "Date"}), result["start_time"]
	)
	return result
