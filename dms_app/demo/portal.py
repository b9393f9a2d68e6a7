"""Demo customer for the web portal: a website login owning two cars, one of them in the workshop
with work waiting for the customer's decision, and last year's service invoiced.

Login (printed by `./dms up` in the demo summary): mei.chen@example.com / PortalDemo-2026; in the
Chinese demo the customer logs in with her mobile number, and reads the portal in Chinese.
"""

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from dms_app.controllers import lifecycle
from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.demo.vehicles import demo_vin
from dms_app.portal.customer import link_website_user

CUSTOMER = "Mei Chen"
EMAIL = "mei.chen@example.com"
PASSWORD = "PortalDemo-2026"
CARS = (
	# (trim, WMI, plate, colour, odometer, days since delivery)
	("Toyota RAV4 2.5 Hybrid Design", "JTD", "NW-2481", "Graphite Grey", 18400, 420),
	("BYD Atto 3 Comfort", "LGX", "NW-7715", "Polar White", 6200, 150),
)


def customer() -> str:
	return zh.pick(CUSTOMER, zh.PORTAL_CUSTOMER)


def cars() -> tuple:
	if not zh.active():
		return CARS
	# the same cars from Chinese plants, on Shanghai plates (the BYD's green: new energy)
	return (
		(CARS[0][0], "LVG", zh.plate(customer()), zh.COLOURS[2], *CARS[0][4:]),
		(CARS[1][0], "LGX", zh.plate(customer(), electric=True), zh.COLOURS[0], *CARS[1][4:]),
	)


def create(rng) -> dict:
	name = customer()
	ensure(
		"Customer",
		name,
		{
			"customer_name": name,
			"customer_type": "Individual",
			"customer_group": "Individual",
			"territory": "All Territories",
			# her primary contact (mobile and e-mail) becomes her portal contact below
			**({**zh.contact_fields(name), "email_id": zh.PORTAL_EMAIL} if zh.active() else {}),
		},
	)
	login = EMAIL
	if zh.active():
		link_website_user(name, zh.PORTAL_EMAIL, first_name=zh.PORTAL_FIRST_NAME, password=PASSWORD)
		# her mobile number is her login (System Settings: login with mobile number), and the portal
		# speaks her language
		login = zh.mobile(name)
		frappe.db.set_value("User", zh.PORTAL_EMAIL, {"mobile_no": login, "language": zh.LANGUAGE})
	else:
		link_website_user(name, EMAIL, first_name="Mei", password=PASSWORD)
	vins = [ensure_car(rng, *car) for car in cars()]
	if not frappe.db.exists("Repair Order", {"customer": name}):
		past_service(vins[0])
		open_repair_order(vins[0])
	return {"portal login": f"{login} / {PASSWORD}", "portal vehicles": len(vins)}


def ensure_car(rng, trim, wmi, plate, colour, odometer, days) -> str:
	vin = demo_vin(rng, wmi)  # drawn every run, so the sequence stays deterministic
	existing = frappe.db.get_value("Motor Vehicle", {"registration_plate": plate, "customer": customer()})
	if existing:
		return existing
	delivered = add_days(nowdate(), -days)
	frappe.get_doc(
		{
			"doctype": "Motor Vehicle",
			"vin": vin,
			"trim": trim if frappe.db.exists("Vehicle Trim", trim) else None,
			"stock_type": "Customer",
			"customer": customer(),
			"registration_plate": plate,
			"colour": colour,
			"odometer": odometer,
			"delivery_date": delivered,
			"warranty_start_date": delivered,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(
		"Motor Vehicle",
		vin,
		{"next_service_date": add_days(delivered, 365 * (days // 365 + 1)), "next_service_odometer": 30000},
	)
	return vin


def labour_item() -> str:
	item = frappe.db.get_single_value("DMS Settings", "service_labour_item")
	return item or ensure(
		"Item",
		"SVC-LABOUR",
		{
			"item_code": "SVC-LABOUR",
			"item_name": "Workshop labour",
			"item_group": "Services",
			"stock_uom": "Nos",
			"is_stock_item": 0,
		},
	)


def past_service(vin: str) -> None:
	"""Last year's annual service: a closed repair order with its submitted invoice."""
	served_on = add_days(nowdate(), -60)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": customer(),
			"company": frappe.db.get_single_value("DMS Settings", "company"),
			"posting_date": served_on,
			"set_posting_time": 1,
			"due_date": served_on,
			"items": [
				{"item_code": labour_item(), "description": zh.say("Annual service"), "qty": 1.5, "rate": 118}
			],
		}
	)
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	order = repair_order(vin, add_to_date(served_on, hours=8), [(zh.say("Annual service"), 1.5, 118)])
	# history recorded as it stands, not replayed through the workshop's workflow: a closed order is
	# submitted, and shows the workflow state of its milestone
	order.db_set(
		{
			"status": "Closed",
			"docstatus": 1,
			"sales_invoice": invoice.name,
			"completed_on": order.promised_time,
		}
	)
	for row in order.jobs + order.labour:
		row.db_set("docstatus", 1)
	lifecycle.sync_state(order)


def open_repair_order(vin: str) -> None:
	"""Today's visit: brakes in progress, and new work the advisor proposes to the customer."""
	order = repair_order(
		vin, add_to_date(now_datetime(), hours=5), [(zh.say("Brake inspection and service"), 1.0, 118)]
	)
	# the demo starts mid-visit: the customer authorised the estimate and work has begun
	order.db_set({"status": "In Progress", "customer_authorised_on": order.opened_on}, update_modified=False)
	order.reload()  # saved below: the workflow state follows the milestone
	order.append(
		"labour",
		{
			"job_no": 1,
			"description": zh.say("Replace front brake discs and pads"),
			"pay_type": "Customer",
			"flat_hours": 1.8,
			"rate": 118,
			"approval_status": "Proposed",
		},
	)
	order.save(ignore_permissions=True)


def repair_order(vin: str, promised, labour):
	"""An open repair order with customer-pay labour lines."""
	opened_on = add_to_date(promised, hours=-8)
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vin,
			"customer": customer(),
			"opened_on": opened_on,
			"promised_time": promised,
			"jobs": [{"job_no": 1, "pay_type": "Customer", "concern": labour[0][0]}],
			# the customer authorised these at the desk when the car came in
			"labour": [
				{
					"job_no": 1,
					"description": d,
					"pay_type": "Customer",
					"flat_hours": h,
					"rate": r,
					"approval_status": "Approved",
					"approved_by": "Administrator",
					"approved_on": opened_on,
					"decided_via": "Desk",
				}
				for d, h, r in labour
			],
		}
	)
	order.insert(ignore_permissions=True)
	return order
