"""Two real connections clock one technician onto two jobs at the same moment: exactly one wins."""

import frappe

from dms_app.api import repair_orders as api
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt


def test_concurrent_clock_on_of_one_technician_exactly_one_wins(frappe_site):
	customer = factories.make_customer()
	vin = factories.make_vin()
	frappe.get_doc(
		{"doctype": "Motor Vehicle", "vin": vin, "stock_type": "Customer", "customer": customer}
	).insert()
	employee = rt.make_employee()
	labour = [
		{"job_no": 1, "description": f"Job {n}", "flat_hours": 1, "rate": 100, "pay_type": "Internal"}
		for n in (1, 2)
	]
	order = rt.make_repair_order(vehicle=vin, customer=customer, labour=labour)
	order = rt.act(order.name, "Start Work")
	rows = [row.name for row in order.labour]
	frappe.db.commit()

	def clock(row):
		def attempt(ready):
			ready()
			return api.clock_on(order.name, row, employee)

		return attempt

	try:
		_winner, (_row, error) = factories.race(frappe_site, {row: clock(row) for row in rows})
		assert "already clocked on" in str(error), error.trace
		assert frappe.db.count("Technician Time Log", {"employee": employee}) == 1
	finally:
		frappe.db.rollback()
		frappe.db.delete("Technician Time Log", {"repair_order": order.name})
		frappe.delete_doc(
			"Repair Order", order.name, force=True, ignore_permissions=True, delete_permanently=True
		)
		frappe.delete_doc("Employee", employee, force=True, delete_permanently=True)
		frappe.delete_doc("Motor Vehicle", vin, force=True, delete_permanently=True)
		frappe.delete_doc("Customer", customer, force=True, delete_permanently=True)
		names = (order.name, employee, vin, customer)
		frappe.db.delete("Deleted Document", {"deleted_name": ("in", names)})
		frappe.db.commit()
