"""Data for the desk walkthrough browser tests (tests/browser/test_desk_walkthrough.py), created on
the served site through Frappe's CLI (which commits) and removed again by tag.

    setup_sales(tag):   a Sales Consultant and a Sales Manager with passwords, a customer, a new
                        vehicle in stock with a passed PDI
    setup_service(tag): a Service Advisor with a password, a technician, a customer's vehicle
    recorded_*(tag):    what the browser did, read back from the documents
    teardown(tag):      removes every document the walkthrough made, ledgers included
"""

import frappe
from frappe.utils import random_string
from frappe.utils.password import update_password

from dms_app.tests import factories, service_appointments
from dms_app.tests import vehicle_sales as sales


def _user(tag: str, role: str, roles: tuple[str, ...], password: str) -> str:
	email = f"walk-{role}-{tag}@example.com"
	factories.make_user(email, roles=roles)
	update_password(email, password)
	return email


def setup_sales(tag: str) -> dict:
	frappe.set_user("Administrator")
	password = f"Pw-{random_string(12)}"
	customer = factories.make_customer(f"Walkthrough Buyer {tag}")
	vin = sales.stock_vehicle(rate=24000)
	sales.pass_pdi(vin)
	return {
		"tag": tag,
		"password": password,
		"customer": customer,
		"vin": vin,
		"consultant": _user(tag, "consultant", ("Sales Consultant", "Sales User", "Accounts User"), password),
		"manager": _user(tag, "manager", ("Sales Manager", "Sales User"), password),
	}


def recorded_sales(tag: str, vin: str) -> dict:
	deal = frappe.get_all(
		"Vehicle Deal",
		filters={"vin": vin},
		fields=["name", "workflow_state", "status", "sales_invoice", "taxes_and_charges"],
	)
	deal = deal[0] if deal else {}
	invoice = deal.get("sales_invoice")
	return {
		"deal": deal,
		"invoice_docstatus": frappe.db.get_value("Sales Invoice", invoice, "docstatus") if invoice else None,
		"invoice_taxes": frappe.db.get_value("Sales Invoice", invoice, "total_taxes_and_charges")
		if invoice
		else None,
		"vehicle_status": frappe.db.get_value("Motor Vehicle", vin, "status"),
	}


def setup_service(tag: str) -> dict:
	frappe.set_user("Administrator")
	password = f"Pw-{random_string(12)}"
	technician = service_appointments.make_technician(first_name=f"Walk Tech {tag}")
	customer = factories.make_customer(f"Walkthrough Owner {tag}")
	vin = service_appointments.make_customer_vehicle(customer)
	operation = service_appointments.make_labour_operation()
	return {
		"tag": tag,
		"password": password,
		"customer": customer,
		"vin": vin,
		"technician": technician,
		"technician_name": frappe.db.get_value("Employee", technician, "employee_name"),
		"labour_operation": operation,
		"advisor": _user(tag, "advisor", ("Service Advisor", "Service Manager"), password),
	}


def recorded_service(tag: str, vin: str) -> dict:
	orders = frappe.get_all(
		"Repair Order",
		filters={"vehicle": vin},
		fields=["name", "status", "docstatus", "service_appointment", "sales_invoice"],
	)
	appointments = frappe.get_all(
		"Service Appointment", filters={"vehicle": vin}, fields=["name", "status", "repair_order"]
	)
	logs = frappe.db.count("Technician Time Log", {"repair_order": ("in", [o.name for o in orders] or [""])})
	invoices = [
		frappe.db.get_value("Sales Invoice", o.sales_invoice, "docstatus") for o in orders if o.sales_invoice
	]
	# the clocking belongs to the order that carries the work on (an amendment after a cancel)
	carried_on = [o.name for o in orders if o.docstatus < 2] or [""]
	return {
		"orders": orders,
		"appointments": appointments,
		"time_logs": logs,
		"invoices": invoices,
		"amended_logs": frappe.db.count("Technician Time Log", {"repair_order": ("in", carried_on)}),
	}


def teardown(tag: str, vins: list[str]) -> dict:
	"""Cancel and delete what the walkthrough made for `tag` and its vehicles (newest first)."""
	frappe.set_user("Administrator")
	customers = [f"Walkthrough Buyer {tag}", f"Walkthrough Owner {tag}"]
	removed = {}

	def drop(doctype, names, cancel=False):
		for name in names:
			doc = frappe.get_doc(doctype, name)
			if cancel and doc.docstatus == 1:
				doc.flags.ignore_permissions = True
				doc.flags.lifecycle_move = True  # the system's cancel, not a workflow action
				doc.cancel()
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True, delete_permanently=True)
		removed[doctype] = removed.get(doctype, 0) + len(names)

	by_customer = {"customer": ("in", customers)}
	vins = [vin for vin in vins if frappe.db.exists("Motor Vehicle", vin)]
	deals = frappe.get_all("Vehicle Deal", filters=by_customer, fields=["name", "vin"])
	for doctype in ("Payment Entry",):
		drop(
			doctype,
			frappe.get_all(
				doctype, filters={"party": ("in", customers), "docstatus": ("<", 2)}, pluck="name"
			),
			True,
		)
	for doctype in ("Sales Invoice", "Delivery Note", "Sales Order", "Quotation"):
		party = "party_name" if doctype == "Quotation" else "customer"
		names = frappe.get_all(
			doctype, filters={party: ("in", customers)}, pluck="name", order_by="creation desc"
		)
		drop(doctype, names, cancel=True)
	orders = frappe.get_all("Repair Order", filters=by_customer, pluck="name")
	drop(
		"Technician Time Log",
		frappe.get_all("Technician Time Log", {"repair_order": ("in", orders or [""])}, pluck="name"),
	)
	for name in frappe.get_all("Service Appointment", filters=by_customer, pluck="name"):
		# back to Requested, which may be deleted and still holds its hours: deleting gives them back
		frappe.db.set_value("Service Appointment", name, {"repair_order": None, "status": "Requested"})
		drop("Service Appointment", [name])
	drop("Repair Order", orders, True)  # a completed order is submitted
	drop("Vehicle Deal", [d.name for d in deals])
	pdis = frappe.get_all("PDI Checklist", filters={"vin": ("in", vins or [""])}, pluck="name")
	drop("PDI Checklist", pdis, cancel=True)
	receipts = {
		row.parent
		for vin in vins
		for row in frappe.get_all("Purchase Receipt Item", {"serial_no": ("like", f"%{vin}%")}, ["parent"])
	}
	drop("Purchase Receipt", sorted(receipts), cancel=True)
	drop("Motor Vehicle", sorted(set(vins)))
	drop("Customer", [c for c in customers if frappe.db.exists("Customer", c)])
	for role in ("consultant", "manager", "advisor"):
		user = f"walk-{role}-{tag}@example.com"
		if frappe.db.exists("User", user):
			drop("User", [user])
	employees = frappe.get_all("Employee", filters={"first_name": f"Walk Tech {tag}"}, pluck="name")
	drop("Employee", employees)
	return removed
