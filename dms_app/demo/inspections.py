"""Demo digital inspections (docs/inspection.md): the default template's check items suggest the
demo's labour operations; the portal customer's open repair order has a completed inspection with
photos whose amber and red items wait for her decision on /repair-status, and a deferred item from
her last visit; a few other open orders have their inspection done. Photos are small generated
PNGs (dms_app.tests.inspections.png). Idempotent: orders already inspected are left alone."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.demo import portal, zh
from dms_app.service import inspections
from dms_app.service.inspection_setup import DEFAULT_TEMPLATE
from dms_app.tests.inspections import COLOURS, attach, png

# check item -> labour operation the template recommends (dms_app/demo/service_masters.py)
SUGGESTED = {
	"Front brake pads": "BRK-DISC",
	"Rear brake pads": "BRK-DISC",
	"Battery health": "BATT-12V",
	"Wiper blades": "WIPER",
}
TEXTS = {
	"Pads at the wear limit, light scoring on the discs": "刹车片已到磨损极限，刹车盘有轻微划痕",  # noqa: RUF001
	"Smearing on the driver's side": "驾驶员侧刮水不净",
	"Slow cranking on a cold start": "冷启动时启动缓慢",
	"Rear brake pads": "后刹车片",
}
# the portal customer's inspection: check item -> (reading, rating or None for the suggestion, note)
PORTAL_READINGS = {
	"Front left tread": ("5.5", None, None),
	"Front right tread": ("5.2", None, None),
	"Rear left tread": ("6.1", None, None),
	"Rear right tread": ("6.0", None, None),
	"Front brake pads": ("1.8", None, "Pads at the wear limit, light scoring on the discs"),
	"Rear brake pads": ("5.0", None, None),
	"Battery health": ("70", None, "Slow cranking on a cold start"),
	"Wiper blades": (None, "Red", "Smearing on the driver's side"),
	"Lights": (None, "Green", None),
	"Fluid levels and leaks": (None, "Green", None),
}
PHOTOS = {"Front brake pads": "Red", "Battery health": "Amber", "Wiper blades": "Red"}


def say(text: str | None) -> str | None:
	return TEXTS.get(text, text) if text and zh.active() else text


def create(rng) -> dict:
	template = suggest_work()
	if not template:
		return {}
	customer = portal.customer()
	inspected = 0
	for order in frappe.get_all(
		"Repair Order",
		filters={"docstatus": 0, "status": ("in", ("In Progress", "Waiting Parts"))},
		fields=["name", "customer"],
		order_by="name",
		limit=6,
	):
		if frappe.db.exists("Vehicle Inspection", {"repair_order": order.name}):
			continue
		readings = PORTAL_READINGS if order.customer == customer else random_readings(rng)
		inspect(order.name, template, readings)
		inspected += 1
	deferred = defer_last_visit(customer)
	return {"vehicle inspections": inspected, "deferred work": deferred}


def suggest_work() -> str | None:
	if not frappe.db.exists("Inspection Template", DEFAULT_TEMPLATE):
		return None
	template = frappe.get_doc("Inspection Template", DEFAULT_TEMPLATE)
	for row in template.items:
		operation = SUGGESTED.get(row.check_item)
		if operation and not row.labour_operation and frappe.db.exists("Labour Operation", operation):
			row.labour_operation = operation
	template.save(ignore_permissions=True)
	return template.name


def random_readings(rng) -> dict:
	return {
		"Front left tread": (f"{rng.uniform(2.5, 7.5):.1f}", None, None),
		"Front right tread": (f"{rng.uniform(2.5, 7.5):.1f}", None, None),
		"Rear left tread": (f"{rng.uniform(3.5, 8):.1f}", None, None),
		"Rear right tread": (f"{rng.uniform(3.5, 8):.1f}", None, None),
		"Front brake pads": (f"{rng.uniform(2.5, 9):.1f}", None, None),
		"Rear brake pads": (f"{rng.uniform(3, 9):.1f}", None, None),
		"Battery health": (str(rng.randint(62, 98)), None, None),
	}


def inspect(repair_order: str, template: str, readings: dict):
	doc = inspections.make_inspection(repair_order, template)
	for row in doc.items:
		reading, rating, note = readings.get(row.check_item, (None, "Green", None))
		row.update({"reading": reading, "rating": rating, "note": say(note)})
	doc.save(ignore_permissions=True)
	for row in doc.items:
		if row.rating in ("Amber", "Red") and row.check_item in PHOTOS:
			slug = row.check_item.lower().replace(" ", "-")
			attach(doc, png(96, 64, COLOURS[row.rating]), f"{doc.name}-{slug}.png", row=row)
	doc.save(ignore_permissions=True)
	doc.submit()


def defer_last_visit(customer: str) -> int:
	"""What she declined at her last (closed) visit: rear pads, due in three weeks."""
	if frappe.db.exists("Deferred Work", {"customer": customer}):
		return 0
	last = frappe.get_all(
		"Repair Order",
		filters={"customer": customer, "status": "Closed"},
		fields=["name", "vehicle"],
		limit=1,
	)
	if not last:
		return 0
	frappe.get_doc(
		{
			"doctype": "Deferred Work",
			"vehicle": last[0].vehicle,
			"customer": customer,
			"contact_email": inspections.customer_email(customer),
			"description": say("Rear brake pads"),
			"rating": "Amber",
			"due_date": add_days(nowdate(), 21),
			"estimated_price": 212.4,
			"labour_operation": "BRK-DISC" if frappe.db.exists("Labour Operation", "BRK-DISC") else None,
			"repair_order": last[0].name,
		}
	).insert(ignore_permissions=True)
	return 1
