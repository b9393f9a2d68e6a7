"""/book-service: choose one of your vehicles and a day with free workshop capacity, describe the
work, and request the appointment (capacity and booking are the service area's). After booking,
/book-service?booked=<appointment> confirms it: date, time, vehicle and reference."""

import frappe
from frappe import _
from frappe.utils import add_days, nowdate

from dms_app.api.portal import WORK_MAX_CHARS
from dms_app.portal import page_context, queries
from dms_app.portal.customer import require_customers
from dms_app.warranty import campaigns

no_cache = 1

SEARCH_DAYS = 14


def get_context(context):
	customers = require_customers()
	page_context(context, _("Book a Service"))
	context.portal_page = "book-service"
	context.vehicles = queries.vehicles(customers)
	wanted = (frappe.form_dict.get("vehicle") or "").upper()
	context.selected_vehicle = wanted if wanted in {v.name for v in context.vehicles} else None
	context.from_date = add_days(nowdate(), 1)
	context.to_date = add_days(nowdate(), SEARCH_DAYS)
	context.appointments = queries.appointments(customers)
	# after booking: the confirmation of the customer's own appointment (someone else's: nothing)
	booked = frappe.form_dict.get("booked")
	if booked and frappe.db.exists("Service Appointment", {"name": booked, "customer": ("in", customers)}):
		context.booked = queries.appointment(booked, customers)
	context.work_max_chars = WORK_MAX_CHARS
	# work the customer declined earlier, due again: "your vehicle has recommended work pending"
	context.deferred_work = deferred_work_of(context.vehicles)
	# open recalls and service campaigns of the customer's vehicles (dms_app/warranty/campaigns.py)
	context.campaigns = campaigns.portal_flags(context.vehicles)
	return context


def deferred_work_of(vehicles: list[dict]) -> list[dict]:
	from dms_app.service.inspections import open_deferred_work

	labels = {v.name: v.label or v.name for v in vehicles}
	rows = [row for vin in labels for row in open_deferred_work(vin)]
	for row in rows:
		row.vehicle_label = labels.get(row.vehicle)
	return rows
