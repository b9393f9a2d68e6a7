"""Customer vehicles due for service soon (by date or by mileage), with any appointment booked.
Left out: vehicles without a customer and scrapped vehicles."""

import frappe
from frappe import _
from frappe.utils import cint

from dms_app.controllers import reports
from dms_app.service.service_due import vehicles_due


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = vehicles_due(
		cint(filters.within_days if filters.within_days is not None else 30),
		cint(filters.within_km if filters.within_km is not None else 1000),
		customer=filters.customer or None,
	)
	if filters.without_appointment:
		rows = [r for r in rows if not r.appointment]
	for row in rows:
		row.due_by = _("Date") if row.due_by == "date" else _("Mileage")
	return columns(), rows


def columns():
	return [
		reports.vin(width=180),
		reports.customer(width=170),
		reports.model(),
		reports.column("Plate", "registration_plate", width=100),
		reports.column("Due Date", "next_service_date", "Date", width=100),
		reports.column("Due at Odometer", "next_service_odometer", "Int"),
		reports.column("Odometer", "odometer", "Int", width=100),
		reports.column("Unit", "odometer_unit", width=60),
		reports.column("Due By", "due_by", width=90),
		reports.column("Appointment", "appointment", "Link", "Service Appointment", 140),
	]
