"""/my-vehicles/<vin>: one of the customer's vehicles with its service history and invoices.

Reached through the route rule in hooks.py; a VIN that is not the customer's gives the same 404 as
one that does not exist."""

import frappe
from frappe import _

from dms_app.portal import page_context, queries
from dms_app.portal.customer import require_customers

no_cache = 1


def get_context(context):
	customers = require_customers()
	vehicle = queries.vehicle(frappe.form_dict.get("vin"), customers)
	page_context(context, vehicle.title)
	context.portal_page = "my-vehicle"
	context.vehicle = vehicle
	context.history = queries.repair_orders(customers, vin=vehicle.name)
	context.parents = [{"route": "my-vehicles", "title": _("My Vehicles")}]
	return context
