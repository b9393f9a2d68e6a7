"""Customer vehicles due for service soon (by date or by mileage), with any appointment booked."""

import frappe
from frappe import _
from frappe.utils import cint

from dms_app.service.service_due import vehicles_due


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
		{
			"fieldname": "vin",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 180,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 170,
		},
		{
			"fieldname": "model",
			"label": _("Model"),
			"fieldtype": "Link",
			"options": "Vehicle Model",
			"width": 140,
		},
		{"fieldname": "registration_plate", "label": _("Plate"), "fieldtype": "Data", "width": 100},
		{"fieldname": "next_service_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "next_service_odometer",
			"label": _("Due at Odometer"),
			"fieldtype": "Int",
			"width": 120,
		},
		{"fieldname": "odometer", "label": _("Odometer"), "fieldtype": "Int", "width": 100},
		{"fieldname": "odometer_unit", "label": _("Unit"), "fieldtype": "Data", "width": 60},
		{"fieldname": "due_by", "label": _("Due By"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "appointment",
			"label": _("Appointment"),
			"fieldtype": "Link",
			"options": "Service Appointment",
			"width": 140,
		},
	]
