"""/my-vehicles: the customer's vehicles with warranty cover and next service due."""

from frappe import _

from dms_app.portal import page_context, queries
from dms_app.portal.customer import require_customers
from dms_app.warranty import campaigns

no_cache = 1


def get_context(context):
	customers = require_customers()
	page_context(context, _("My Vehicles"))
	context.portal_page = "my-vehicles"
	context.vehicles = queries.vehicles(customers)
	open_orders = queries.repair_orders(customers, open_only=True)
	context.in_workshop = {ro.vehicle for ro in open_orders}
	# open recalls and service campaigns per vehicle (dms_app/warranty/campaigns.py)
	context.campaigns = campaigns.portal_flags(context.vehicles)
	return context
