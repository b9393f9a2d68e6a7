"""A repair order's Sales Invoice (dms_app.service.invoicing.build_sales_invoice) leaves the items'
details and the totals to the invoice's own validate: the saved invoice must be the one built by
filling everything first (ERPNext's set_missing_values, then the approved rates), field by field."""

from frappe.model.workflow import apply_workflow

from dms_app.service import invoicing, parts
from dms_app.service.repair_orders import complete
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt

WRITTEN = {"name", "owner", "modified_by", "creation", "modified", "parent", "posting_time"}  # moment, name


def filled_first(doc):
	"""The invoice as built before: every missing value filled, then the approved rates set."""
	invoice = invoicing.build_sales_invoice(doc)
	invoice.set_missing_values()
	for item, (table, row) in zip(invoice.items, invoicing.customer_lines(doc), strict=True):
		item.rate = row.amount if table == "sublets" else row.rate
		item.price_list_rate = item.rate
		item.discount_percentage = 0
	invoice.calculate_taxes_and_totals()
	return invoice


def saved(invoice) -> dict:
	invoice.flags.from_repair_order = True
	invoice.insert(ignore_permissions=True)
	values = invoice.as_dict(no_default_fields=False)
	return {
		field: [{k: v for k, v in row.items() if k not in WRITTEN} for row in value]
		if isinstance(value, list)
		else value
		for field, value in values.items()
		if field not in WRITTEN
	}


def test_invoice_is_the_one_filled_first():
	items = [rt.make_part(qty=5, rate=20 + i, selling=35 + i) for i in range(2)]
	customer = factories.make_customer()
	order = rt.make_repair_order(
		customer=customer,
		labour=[{"job_no": 1, "labour_operation": rt.make_labour_operation(hours=1.5, rate=120)}],
		parts=[{"job_no": 1, "item_code": item, "qty": 2} for item in items],
		sublets=[
			{
				"job_no": 1,
				"supplier": factories.make_supplier("Sublet Alignment"),
				"description": "Wheel alignment",
				"cost": 40,
				"amount": 55,
			}
		],
	)
	apply_workflow(order, "Start Work")
	parts.issue(order.name)
	doc = complete(order.name, invoice=False)
	assert saved(invoicing.build_sales_invoice(doc)) == saved(filled_first(doc))
