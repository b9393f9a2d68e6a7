"""The demo's inspections: the portal customer's open order gets a completed inspection with
photos and recommendations waiting for her, and a deferred item from her last visit; idempotent."""

import random

import frappe

from dms_app.demo import inspections, masters, portal, service_masters


def test_demo_inspections_wait_for_the_portal_customer():
	masters.create(random.Random(7))
	service_masters.create(random.Random(4))
	portal.create(random.Random(9))
	try:
		first = inspections.create(random.Random(29))
		customer = portal.customer()
		order = frappe.get_all("Repair Order", {"customer": customer, "docstatus": 0}, pluck="name")[0]
		inspection = frappe.get_doc("Vehicle Inspection", {"repair_order": order})
		assert inspection.docstatus == 1 and inspection.red_items == 2 and inspection.amber_items == 1
		photos = [row.photo for row in inspection.items if row.photo]
		assert len(photos) == 3
		proposed = frappe.get_all(
			"Repair Order Labour",
			{"parent": order, "inspection_item": ("is", "set"), "approval_status": "Proposed"},
			pluck="amount",
		)
		assert len(proposed) == 3 and all(proposed)
		assert first == {"vehicle inspections": 1, "deferred work": 1}
		assert inspections.create(random.Random(29)) == {"vehicle inspections": 0, "deferred work": 0}
	finally:
		files = frappe.get_all("File", {"attached_to_doctype": "Vehicle Inspection"}, pluck="name")
		for name in files:
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
