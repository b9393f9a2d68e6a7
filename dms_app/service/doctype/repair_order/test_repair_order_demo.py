"""The demo workshop runs through the real flow and loads idempotently."""

import random

import frappe

from dms_app.demo import masters, service, service_masters
from dms_app.tests import repair_orders as rt


def test_demo_repair_orders_go_through_the_workshop_flow():
	masters.create(random.Random(7))
	for _n in range(4):
		rt.make_customer_vehicle()
	service_masters.create(random.Random(4))
	first = service.create(random.Random(5))
	statuses = sorted(frappe.get_all("Repair Order", pluck="status"))
	assert statuses == ["Closed", "Invoiced", "Invoiced", "Waiting Approval"], statuses
	for name in frappe.get_all("Repair Order", filters={"status": "Invoiced"}, pluck="sales_invoice"):
		assert frappe.db.get_value("Sales Invoice", name, "docstatus") == 1
	assert frappe.db.count("Technician Time Log") >= 4
	assert service.create(random.Random(5)) == first  # idempotent
