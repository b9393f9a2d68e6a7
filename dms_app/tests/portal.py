"""Factories for portal tests, the browser test and the demo: a customer with a website login, a
vehicle they own, a repair order with a line waiting for their decision."""

import frappe
from frappe.utils import add_days, now_datetime, random_string

from dms_app.portal.customer import link_website_user
from dms_app.tests import factories
from dms_app.tests.factories import make_customer, make_supplier, make_vin


def make_portal_customer(
	name: str | None = None, email: str | None = None, password: str | None = None
) -> frappe._dict:
	"""A Customer and a website user linked to it through a Contact: {customer, user}."""
	customer = make_customer(name or f"Portal Customer {random_string(6)}")
	email = email or f"portal-{random_string(8).lower()}@example.com"
	link_website_user(customer, email, first_name=customer, password=password)
	return frappe._dict(customer=customer, user=email)


def make_customer_vehicle(customer: str, vin: str | None = None, **fields) -> str:
	"""A Toyota the customer owns and the dealer services."""
	fields.setdefault("registration_plate", f"PT-{random_string(4).upper()}")
	fields.setdefault("odometer", 24500)
	fields.setdefault("colour", "Polar White")
	return factories.make_customer_vehicle(customer, vin=vin or make_vin(wmi="JTD", vds="BZ3EK"), **fields)


def make_repair_order(customer: str, vehicle: str, proposed: bool = True, status: str = "Open", **fields):
	"""An open repair order: an approved warranty check and, if `proposed`, a customer-pay labour
	line and a sublet line the advisor proposes (the customer's decision is awaited)."""
	labour = [
		{
			"job_no": 1,
			"description": "Check engine warning light",
			"pay_type": "Warranty",
			"flat_hours": 0.5,
			"rate": 0,
		}
	]
	sublets = []
	if proposed:
		labour.append(
			{
				"job_no": 1,
				"description": "Replace front brake pads",
				"pay_type": "Customer",
				"flat_hours": 1.5,
				"rate": 120,
				"approval_status": "Proposed",
			}
		)
		sublets.append(
			{
				"job_no": 1,
				"supplier": make_supplier("Portal Glass Repairs"),
				"description": "Windscreen chip repair",
				"pay_type": "Customer",
				"cost": 60,
				"amount": 90,
				"approval_status": "Proposed",
			}
		)
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vehicle,
			"customer": customer,
			"status": status,
			"opened_on": now_datetime(),
			"promised_time": add_days(now_datetime(), 1),
			"jobs": [{"job_no": 1, "pay_type": "Customer", "concern": "Warning light on, brakes squeal"}],
			"labour": labour,
			"sublets": sublets,
			**fields,
		}
	)
	order.insert(ignore_permissions=True)
	return order


def ensure_outgoing_email_account() -> None:
	"""Confirmation emails are queued only when the site has an outgoing account (none is sent
	from tests: Frappe keeps test mail in the queue)."""
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Portal Test Outbox",
				"email_id": "service@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"no_smtp_authentication": 1,
			}
		).insert()
	frappe.local.outgoing_email_account = {}
