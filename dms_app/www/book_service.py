"""/book-service: choose one of your vehicles and a day with free workshop capacity, describe the
work, and request the appointment (capacity and booking are the service area's). After booking,
/book-service?booked=<appointment> confirms it: date, time, vehicle and reference."""

import frappe
from frappe import _
from frappe.utils import add_days, nowdate

from dms_app.api.portal import WORK_MAX_CHARS
from dms_app.portal import page_context, queries
from dms_app.portal.customer import require_customers

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
	return context
