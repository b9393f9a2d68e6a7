"""Data for the portal browser test (tests/browser), created on the *served* site and removed after.

Run through Frappe's CLI, which commits:
    frappe --site dms.localhost execute dms_app.tests.portal_browser.setup --kwargs '{"tag": "x1"}'
    frappe --site dms.localhost execute dms_app.tests.portal_browser.teardown --kwargs '{"tag": "x1"}'
Two customers (A logs in, B is the neighbour whose records A must not reach), each with a vehicle
and an open repair order with proposed lines; a technician if the workshop has no capacity to book.
"""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, nowdate, random_string

from dms_app.controllers import lifecycle
from dms_app.service.appointment_lifecycle import CANCELLED
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order

PREFIX = "Browser Test"
SUBLET_SUPPLIER = "Portal Glass Repairs"  # made by make_repair_order


def _names(tag: str) -> dict:
	return {
		"A": f"{PREFIX} A {tag}",
		"B": f"{PREFIX} B {tag}",
		"technician": f"{PREFIX} Tech {tag}",
	}


def setup(tag: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	password = f"Pw-{random_string(12)}"
	out = {"tag": tag, "password": password}
	# a catalogue trim of the served site, if it has one (the VINs are Toyota's)
	trim = frappe.db.get_value("Vehicle Trim", {"make": "Toyota"}) or None
	for key in ("A", "B"):
		party = make_portal_customer(
			names[key], email=f"browser-{key.lower()}-{tag}@example.com", password=password
		)
		vin = make_customer_vehicle(
			party.customer, registration_plate=f"BT-{key}{tag[:4].upper()}", trim=trim
		)
		order = make_repair_order(party.customer, vin)
		proposed = [row.name for row in order.labour + order.sublets if row.approval_status == "Proposed"]
		out[key] = {
			"customer": party.customer,
			"user": party.user,
			"vin": vin,
			"ro": order.name,
			"lines": proposed,
		}
	out["technician"] = ensure_capacity(names["technician"])
	out["new_promised_time"] = str(add_to_date(now_datetime(), days=2, hours=3).replace(microsecond=0))
	return out


def ensure_capacity(name: str) -> str | None:
	"""A technician for the booking step when the served workshop has no free slot in two weeks."""
	from dms_app.service import appointments
	from dms_app.tests.service_appointments import make_technician

	if appointments.slots(add_days(nowdate(), 1), add_days(nowdate(), 14), 1.0):
		return None
	return make_technician(hours=8, first_name=name)


def recorded(tag: str) -> dict:
	"""What the browser left on the site: A's decision, A's booking, B's lines still undecided."""
	names = _names(tag)
	a_order, b_order = (frappe.db.get_value("Repair Order", {"customer": names[k]}) for k in ("A", "B"))
	a_line = frappe.get_all(
		"Repair Order Labour",
		filters={"parent": a_order, "approval_status": "Approved", "decided_via": "Portal"},
		fields=["approved_by", "approved_on", "decided_via"],
	)
	b_proposed = frappe.db.count("Repair Order Labour", {"parent": b_order, "approval_status": "Proposed"})
	return {
		"approved_by": a_line[0].approved_by if a_line else None,
		"decided_via": a_line[0].decided_via if a_line else None,
		"appointments": frappe.db.count("Service Appointment", {"customer": names["A"]}),
		"b_untouched": b_proposed == 1
		and not frappe.db.count("Service Appointment", {"customer": names["B"]}),
	}


def teardown(tag: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	customers = [names["A"], names["B"]]
	removed = {}

	def drop(doctype, filters):
		rows = frappe.get_all(doctype, filters=filters, pluck="name")
		for row in rows:
			frappe.delete_doc(doctype, row, force=1, ignore_permissions=True)
		removed[doctype] = removed.get(doctype, 0) + len(rows)

	for name in frappe.get_all(
		"Service Appointment",
		{"customer": ("in", customers), "status": ("not in", ("Requested", "Cancelled"))},
		pluck="name",
	):
		# gives the workshop its hours back; then it may be deleted
		lifecycle.reach(frappe.get_doc("Service Appointment", name), CANCELLED)
	booked = frappe.get_all("Service Appointment", {"customer": ("in", customers)}, pluck="name") or [""]
	# and their emails (the Notifications' Communications): Frappe gives a deleted last document's name
	# to the next one, which must not inherit them
	for doctype in ("Communication", "Email Queue"):
		drop(doctype, {"reference_doctype": "Service Appointment", "reference_name": ("in", booked)})
	drop("Service Appointment", {"customer": ("in", customers)})
	drop("Repair Order", {"customer": ("in", customers)})
	drop("Motor Vehicle", {"customer": ("in", customers)})
	contacts = frappe.get_all(
		"Dynamic Link",
		filters={"parenttype": "Contact", "link_doctype": "Customer", "link_name": ("in", customers)},
		pluck="parent",
	)
	users = frappe.get_all("Contact", filters={"name": ("in", contacts or [""])}, pluck="user")
	drop("Contact", {"name": ("in", contacts or [""])})
	drop("Customer", {"name": ("in", customers)})
	drop("User", {"name": ("in", [u for u in users if u] or [""])})
	employees = frappe.get_all(
		"Employee", filters={"first_name": names["technician"]}, fields=["name", "holiday_list"]
	)
	drop("Employee", {"name": ("in", [e.name for e in employees] or [""])})
	drop("Holiday List", {"name": ("in", [e.holiday_list for e in employees if e.holiday_list] or [""])})
	if not frappe.get_all("Repair Order Sublet", filters={"supplier": SUBLET_SUPPLIER}, limit=1):
		drop("Supplier", {"name": SUBLET_SUPPLIER})
	return removed
