"""Demo repair orders run through the real workshop flow: estimate authorised, technicians
clocked, parts issued from stock, completion and invoicing (customer, warranty and internal
work), plus one order waiting for the customer's decision on added work."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, flt, now_datetime

from dms_app.api import repair_orders as api
from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.demo.portal import customer as portal_customer
from dms_app.service.repair_orders import complete

PARTS = (
	# (code, name, cost, selling price)
	("DEMO-OIL-FILTER", "Oil filter", 6.5, 14),
	("DEMO-ENGINE-OIL-5L", "Engine oil 5W-30, 5 l", 22, 48),
	("DEMO-BRAKE-PADS-F", "Front brake pads set", 38, 89),
	("DEMO-WIPER-BLADES", "Wiper blade pair", 9, 24),
)


def create(rng) -> dict:
	if frappe.db.exists("Repair Order", {"customer": ("!=", portal_customer())}):
		# the workshop is loaded once: later steps deliver more cars, so a second load's first four
		# customer cars by VIN would not be the same four
		return {"repair orders": frappe.db.count("Repair Order")}
	vins = frappe.get_all(
		"Motor Vehicle",
		filters={"customer": ("not in", ("", portal_customer())), "status": ("!=", "Scrapped")},
		or_filters={"status": ("in", ("Delivered", "In Service")), "stock_type": "Customer"},
		pluck="name",
		order_by="name",
		limit=4,
	)
	operations = frappe.get_all("Labour Operation", filters={"disabled": 0}, pluck="name", order_by="name")
	technicians = frappe.get_all("Employee", filters={"status": "Active"}, pluck="name", order_by="name")
	if len(vins) < 4 or not operations or not technicians:
		return {"repair orders": frappe.db.count("Repair Order")}
	parts = ensure_parts()
	plans = (invoiced_service, invoiced_service, warranty_and_internal, waiting_for_customer)
	for index, (vin, plan) in enumerate(zip(vins, plans, strict=True)):
		plan(rng, vin, operations, technicians[index % len(technicians)], parts, hours_ago=10 - 2 * index)
	return {"repair orders": frappe.db.count("Repair Order")}


def ensure_parts() -> list[str]:
	store = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	for code, name, cost, price in PARTS:
		ensure(
			"Item",
			code,
			{
				"item_code": code,
				"item_name": zh.say(name),
				"item_group": "Parts" if frappe.db.exists("Item Group", "Parts") else "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"valuation_rate": cost,
				"standard_rate": price,
			},
		)
		if flt(frappe.db.get_value("Bin", {"item_code": code, "warehouse": store}, "actual_qty")) < 10:
			entry = frappe.get_doc(
				{
					"doctype": "Stock Entry",
					"stock_entry_type": "Material Receipt",
					"purpose": "Material Receipt",
					"company": frappe.db.get_single_value("DMS Settings", "company"),
					"items": [{"item_code": code, "qty": 40, "basic_rate": cost, "t_warehouse": store}],
				}
			)
			entry.insert(ignore_permissions=True)
			entry.submit()
	return [code for code, *_rest in PARTS]


def open_order(rng, vin, jobs, labour, parts, hours_ago):
	odometer = frappe.db.get_value("Motor Vehicle", vin, "odometer") or rng.randrange(8000, 60000)
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vin,
			"odometer_in": odometer,
			"opened_on": add_to_date(now_datetime(), hours=-hours_ago - 1),
			"promised_time": add_to_date(now_datetime(), hours=2),
			"jobs": jobs,
			"labour": labour,
			"parts": parts,
		}
	).insert(ignore_permissions=True)
	return apply_workflow(order, "Start Work")


def clock(order, technician, hours_ago, rng):
	"""A past clocking on each approved labour line, back to back."""
	start = add_to_date(now_datetime(), hours=-hours_ago)
	for row in order.labour:
		hours = round(flt(row.flat_hours) * rng.uniform(0.8, 1.2), 2)
		end = add_to_date(start, hours=hours)
		frappe.get_doc(
			{
				"doctype": "Technician Time Log",
				"repair_order": order.name,
				"labour_row": row.name,
				"employee": technician,
				"start": start,
				"end": end,
			}
		).insert(ignore_permissions=True)
		start = end


def finish(order, odometer_gain):
	api.issue_parts(order.name)
	order.reload()
	order.odometer_out = order.odometer_in + odometer_gain
	order.save(ignore_permissions=True)
	return complete(order.name)


def invoiced_service(rng, vin, operations, technician, parts, hours_ago):
	jobs = [{"job_no": 1, "concern": zh.say("Annual service due"), "pay_type": "Customer"}]
	labour = [{"job_no": 1, "labour_operation": operations[0], "technician": technician}]
	lines = [{"job_no": 1, "item_code": parts[0], "qty": 1}, {"job_no": 1, "item_code": parts[1], "qty": 1}]
	order = open_order(rng, vin, jobs, labour, lines, hours_ago)
	clock(order, technician, hours_ago, rng)
	finish(order, rng.randrange(5, 25))


def warranty_and_internal(rng, vin, operations, technician, parts, hours_ago):
	jobs = [
		{
			"job_no": 1,
			"concern": zh.say("Wipers judder on the screen"),
			"cause": zh.say("Blade rubber hardened"),
			"correction": zh.say("Replaced wiper blades"),
			"pay_type": "Warranty",
			"causal_part": parts[3],
			"failure_code": "WIP-01",
		},
		{"job_no": 2, "concern": zh.say("Courtesy wash and check before handover"), "pay_type": "Internal"},
	]
	labour = [
		{"job_no": 1, "labour_operation": operations[-1], "technician": technician, "pay_type": "Warranty"},
		{
			"job_no": 2,
			"description": zh.say("Wash and check"),
			"flat_hours": 0.5,
			"rate": 90,
			"pay_type": "Internal",
		},
	]
	lines = [{"job_no": 1, "item_code": parts[3], "qty": 1, "pay_type": "Warranty"}]
	order = open_order(rng, vin, jobs, labour, lines, hours_ago)
	clock(order, technician, hours_ago, rng)
	finish(order, rng.randrange(5, 25))
	apply_workflow(frappe.get_doc("Repair Order", order.name), "Close")


def waiting_for_customer(rng, vin, operations, technician, parts, hours_ago):
	jobs = [{"job_no": 1, "concern": zh.say("Squeal when braking"), "pay_type": "Customer"}]
	labour = [{"job_no": 1, "labour_operation": operations[0], "technician": technician}]
	order = open_order(rng, vin, jobs, labour, [], hours_ago)
	order.append("parts", {"job_no": 1, "item_code": parts[2], "qty": 1})
	order.append(
		"labour",
		{"job_no": 1, "description": zh.say("Replace front brake pads"), "flat_hours": 1.2, "rate": 118},
	)
	order.append(
		"inspection",
		{
			"item": zh.say("Rear tyres"),
			"rating": "Amber",
			"note": zh.say("3 mm tread left"),
			"customer_decision": "Declined",
		},
	)
	order.save(ignore_permissions=True)
	apply_workflow(order, "Request Approval")
