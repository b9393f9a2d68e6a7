"""Data for tests/browser/test_inspection_browser.py, made on the served site (committed by the
CLI) and removed afterwards: an advisor, a customer with a vehicle, a repair order with a draft
inspection (the technician's phone form) and one with a completed inspection whose red item waits
for the customer's decision on /repair-status."""

import frappe
from frappe.utils import random_string
from frappe.utils.password import update_password

from dms_app.service import inspections
from dms_app.service.repair_orders import IN_PROGRESS, move_to
from dms_app.tests import factories
from dms_app.tests.inspections import COLOURS, attach, inspect, make_template, png
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order


def setup(tag: str) -> dict:
	frappe.set_user("Administrator")
	password = f"Pw-{random_string(12)}"
	advisor = f"inspect-advisor-{tag}@example.com"
	factories.make_user(advisor, roles=("Service Advisor", "Technician"))
	update_password(advisor, password)
	owner = make_portal_customer(f"Inspection Owner {tag}", f"inspect-owner-{tag}@example.com", password)
	vin = make_customer_vehicle(owner.customer)
	template = make_template().name
	shown = move_to(make_repair_order(owner.customer, vin, proposed=False).name, IN_PROGRESS).name
	done = inspect(shown, template, pads="1.8", battery="71")
	draft_ro = move_to(make_repair_order(owner.customer, vin, proposed=False).name, IN_PROGRESS).name
	draft = inspections.make_inspection(draft_ro, template)
	draft.items[0].reading, draft.items[0].note = "3.2", "Inner pad worn unevenly"
	draft.items[1].reading = "88"
	attach(draft, png(colour=COLOURS["Amber"]), f"pads-{tag}.png", row=draft.items[0])
	draft.save()
	frappe.db.commit()
	return {
		"tag": tag,
		"password": password,
		"advisor": advisor,
		"customer_user": owner.user,
		"customer": owner.customer,
		"template": template,
		"repair_order": shown,
		"inspection": done.name,
		"draft": draft.name,
		"files": [f.name for f in done.files],
	}


def teardown(tag: str, customer: str, template: str) -> dict:
	frappe.set_user("Administrator")
	removed = {}

	def drop(doctype, names):
		for name in names:
			if (
				doctype in ("Vehicle Inspection", "Repair Order")
				and frappe.db.get_value(doctype, name, "docstatus") == 1
			):
				frappe.get_doc(doctype, name).cancel()
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True)
		removed[doctype] = len(names)

	inspections_ = frappe.get_all("Vehicle Inspection", {"customer": customer}, pluck="name")
	drop(
		"File",
		frappe.get_all(
			"File",
			{"attached_to_doctype": "Vehicle Inspection", "attached_to_name": ("in", inspections_ or [""])},
			pluck="name",
		),
	)
	drop("Vehicle Inspection", inspections_)
	drop("Repair Order", frappe.get_all("Repair Order", {"customer": customer}, pluck="name"))
	drop("Motor Vehicle", frappe.get_all("Motor Vehicle", {"customer": customer}, pluck="name"))
	drop("Inspection Template", [template])
	contacts = frappe.get_all(
		"Dynamic Link", filters={"parenttype": "Contact", "link_name": customer}, pluck="parent"
	)
	drop("Contact", contacts)
	drop("Customer", [customer])
	drop("User", [f"inspect-owner-{tag}@example.com", f"inspect-advisor-{tag}@example.com"])
	frappe.db.commit()
	return removed
