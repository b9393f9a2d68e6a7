"""A technician's time log names the job clocked on, not the labour row's internal code."""

import frappe

from dms_app.api import repair_orders as api
from dms_app.patches.v1 import time_log_job_description
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt


def test_a_time_log_shows_the_jobs_description():
	customer = factories.make_customer()
	vin = factories.make_vin()
	frappe.get_doc(
		{"doctype": "Motor Vehicle", "vin": vin, "stock_type": "Customer", "customer": customer}
	).insert()
	employee = rt.make_employee()
	labour = [
		{
			"job_no": 1,
			"description": "Replace front brake pads",
			"flat_hours": 1,
			"rate": 100,
			"pay_type": "Internal",
		}
	]
	order = rt.make_repair_order(vehicle=vin, customer=customer, labour=labour)
	order = rt.act(order.name, "Start Work")
	api.clock_on(order.name, order.labour[0].name, employee)
	log = frappe.get_last_doc("Technician Time Log", filters={"employee": employee})
	assert log.job_description == "Replace front brake pads"
	meta = frappe.get_meta("Technician Time Log")
	assert meta.get_field("labour_row").hidden and meta.get_field("job_description").in_list_view
	# logs from before the field get it from the patch
	frappe.db.set_value("Technician Time Log", log.name, "job_description", None)
	time_log_job_description.execute()
	assert (
		frappe.db.get_value("Technician Time Log", log.name, "job_description") == "Replace front brake pads"
	)
