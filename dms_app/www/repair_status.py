"""/repair-status: the customer's open repair orders, their stage and promised time (refreshed by
polling dms_app.api.portal.repair_status), and the proposed lines to approve or decline."""

from frappe import _

from dms_app.portal import inspections, page_context, queries
from dms_app.portal.customer import require_customers

no_cache = 1

POLL_SECONDS = 20


def get_context(context):
	customers = require_customers()
	page_context(context, _("Repair Status"))
	context.portal_page = "repair-status"
	context.orders = queries.open_orders_with_lines(customers)
	for ro in context.orders:
		ro.inspection = inspections.for_order(ro)
	context.stages = queries.STAGES
	context.poll_seconds = POLL_SECONDS
	return context
