"""Whitelisted methods behind the customer portal pages.

Every method starts from the session user's customers (`require_customers`: Guest and unlinked
users are refused) and touches only records whose customer is one of them; someone else's record
answers exactly like a missing one (404). The service area's own methods do the work (recording
decisions, capacity, booking) and check the caller again.
"""

from urllib.parse import quote

import frappe
from frappe import _

from dms_app.api.repair_orders import decide_lines as record_decisions
from dms_app.api.service import available_slots as service_slots
from dms_app.api.service import book_appointment
from dms_app.portal import queries
from dms_app.portal.customer import require_customers
from dms_app.portal.website import set_user_language
from dms_app.service import appointments, repair_orders

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


@frappe.whitelist(methods=["POST"])
def undo_decision(repair_order: str, line: str):
	"""Take back the customer's own approval or decline of a line: the line is Proposed again.

	Allowed for the user who decided on the portal, within queries.UNDO_MINUTES, while the order is
	being worked on and the line's work has not started (queries.undo_refusal)."""
	customers = require_customers()
	order = queries.repair_order(repair_order, customers)
	row = next((r for r in order.lines if r.name == line), None)
	if not row:
		frappe.throw(
			_("Line {0} is not on repair order {1}.").format(line, order.name), frappe.DoesNotExistError
		)
	refusal = queries.undo_refusal(row, order.status, frappe.session.user)
	if refusal:
		frappe.throw(refusal, title=_("Decision not changed"))
	doc = frappe.get_doc("Repair Order", order.name)
	child = next(r for _table, r in repair_orders.lines(doc, include_declined=True) if r.name == line)
	child.approval_status = "Proposed"
	child.approved_by = child.approved_on = child.decided_via = None
	doc.flags.deciding_lines = True
	doc.flags.ignore_permissions = True  # the customer's own order, checked above
	doc.save()
	doc.add_comment(
		"Info",
		_("{0} took back the decision on {1} (customer portal).").format(frappe.session.user, row.label),
	)
	return queries.status_payload(customers)


@frappe.whitelist()
def inspection_media(file: str):
	"""A photo or video of a completed inspection of one of the customer's repair orders, inline
	(the File's own /private/files URL answers staff only)."""
	from dms_app.portal.inspections import media_file

	doc = media_file(file, require_customers())
	frappe.local.response.update(
		filename=doc.file_name,
		filecontent=doc.get_content(),
		type="download",
		display_content_as="inline",
	)


@frappe.whitelist()
def available_slots(from_date: str, to_date: str | None = None):
	"""Days with free drop-off times: [{date, label, slots: [{time: "08:30", label: "08:30"}]}].
	Only whether a time is free: the workshop's capacity (hours) is not the customer's business."""
	require_customers()
	days = {}
	for slot in service_slots(from_date, to_date or from_date, appointments.PORTAL_BOOKING_HOURS):
		day = days.setdefault(
			slot["date"],
			{
				"date": str(slot["date"]),
				"label": frappe.format(slot["date"], {"fieldtype": "Date"}),
				"slots": [],
			},
		)
		time = queries.format_time(slot["start_time"])
		day["slots"].append({"time": time, "label": time})
	return [day for day in days.values() if day["slots"]]


@frappe.whitelist(methods=["POST"])
def book_service(vehicle: str, appointment_date: str, start_time: str, work: str | None = None):
	"""Request a service appointment for one of the customer's vehicles (the service area books it
	against capacity and emails the confirmation once the appointment is confirmed)."""
	car = queries.vehicle(vehicle, require_customers())
	if work and len(work) > WORK_MAX_CHARS:
		frappe.throw(_("Describe the work in at most {0} characters.").format(WORK_MAX_CHARS))
	result = book_appointment(
		vehicle=car.name,
		date=appointment_date,
		start_time=start_time,
		hours=appointments.PORTAL_BOOKING_HOURS,
		notes=work,
	)
	booked = queries.appointment(result["name"], require_customers())
	return {
		"name": booked.name,
		"status": booked.status,
		"appointment_date": str(booked.appointment_date),
		"start_time": booked.time_label,
		"label": booked.label,
		"vehicle_label": booked.vehicle_label,
		"url": "/book-service?booked=" + quote(booked.name),
	}


@frappe.whitelist(methods=["POST"])
def set_language(language: str):
	"""The portal language of the session user ("en" or "zh"), kept as their user language."""
	return set_user_language(language)
