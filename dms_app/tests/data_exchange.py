"""Test data for the full export and the migration import (tests/integration/test_data_exchange.py,
the DMS Data Migration tests): a small dealer's customers, contacts, addresses, vehicles and a
repair order, and the key fields the round trip compares."""

import io
import json
import random
import subprocess
import sys

import frappe
from frappe.utils import random_string

from dms_app.tests import factories, repair_orders


def make_dealer_data() -> dict:
	"""Two customers (one with a code and mobile, one with an email contact and an address), their
	vehicles with plate, odometer, last service and warranty start, and an open repair order."""
	tag = random_string(6).upper()
	mobile = f"139{random.randrange(10**8):08d}"
	first = factories.make_customer(f"RT Customer {tag} A", mobile_no=mobile)
	second = factories.make_customer(f"RT Customer {tag} B")
	contact = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": "Lin",
			"last_name": f"Wei {tag}",
			"links": [{"link_doctype": "Customer", "link_name": second}],
		}
	)
	contact.add_email(f"lin.{tag.lower()}@example.com", is_primary=1)
	contact.insert()
	address = frappe.get_doc(
		{
			"doctype": "Address",
			"address_title": second,
			"address_type": "Billing",
			"address_line1": f"{tag} Century Avenue 100",
			"city": "Shanghai",
			"country": "China",
			"pincode": "200120",
			"links": [{"link_doctype": "Customer", "link_name": second}],
		}
	).insert()
	vins = [
		factories.make_customer_vehicle(
			first,
			registration_plate=f"沪A{tag[:5]}",
			odometer=42000,
			last_service_date="2026-03-02",
			last_service_odometer=40100,
			warranty_start_date="2024-05-20",
		),
		factories.make_customer_vehicle(second, registration_plate=f"RT-{tag}", odometer=8000),
	]
	order = repair_orders.make_repair_order(vehicle=vins[0], customer=first)
	return {
		"customers": [first, second],
		"contact": contact.name,
		"address": address.name,
		"vins": vins,
		"repair_order": order.name,
		"mobile": mobile,
		"email": f"lin.{tag.lower()}@example.com",
	}


def snapshot(data: dict) -> dict:
	"""The records' key fields, by natural key (never by a name the import may make anew)."""
	customers = {
		name: frappe.db.get_value(
			"Customer",
			name,
			["customer_name", "customer_type", "mobile_no"],
			as_dict=True,
		)
		for name in data["customers"]
	}
	contact = frappe.db.get_value(
		"Contact Email", {"parenttype": "Contact", "email_id": data["email"]}, "parent"
	)
	contact_fields = contact and frappe.db.get_value(
		"Contact", contact, ["first_name", "last_name", "email_id"], as_dict=True
	)
	contact_links = contact and sorted(
		frappe.get_all(
			"Dynamic Link", filters={"parent": contact, "parenttype": "Contact"}, pluck="link_name"
		)
	)
	address = frappe.db.get_value(
		"Address", data["address"], ["address_line1", "city", "country", "pincode"], as_dict=True
	)
	vehicles = {
		vin: frappe.db.get_value(
			"Motor Vehicle",
			vin,
			[
				"customer",
				"stock_type",
				"status",
				"registration_plate",
				"odometer",
				"last_service_date",
				"last_service_odometer",
				"warranty_start_date",
			],
			as_dict=True,
		)
		for vin in data["vins"]
	}
	mobile_contact = frappe.db.get_value("Contact", {"mobile_no": data["mobile"]}, "name")
	return json.loads(
		json.dumps(
			{
				"customers": customers,
				"contact": contact_fields,
				"contact_links": contact_links,
				"mobile_contact_customer": mobile_contact
				and frappe.db.get_value(
					"Dynamic Link", {"parent": mobile_contact, "parenttype": "Contact"}, "link_name"
				),
				"address": address,
				"vehicles": vehicles,
			},
			default=str,
		)
	)


def export_bytes() -> bytes:
	from dms_app.data_exchange.export import export_to

	buffer = io.BytesIO()
	export_to(buffer)
	return buffer.getvalue()


def import_on_site(site: str, zip_path: str, data: dict) -> dict:
	"""Import the zip into another site in a process of its own, snapshot, roll back: the site is
	left as it was. Returns {"counts", "errors", "snapshot"}."""
	code = (
		"import json, sys, frappe\n"
		f"frappe.init(site={site!r}, sites_path='.')\n"
		"frappe.connect()\n"
		"frappe.set_user('Administrator')\n"
		"from dms_app.data_exchange.migration import migrate\n"
		"from dms_app.tests.data_exchange import snapshot\n"
		"try:\n"
		f"\toutcome = migrate('export.zip', open({zip_path!r}, 'rb').read())\n"
		f"\tresult = {{'counts': outcome.counts, 'errors': outcome.errors, 'snapshot': snapshot({data!r})}}\n"
		"\tprint('RESULT ' + json.dumps(result, default=str))\n"
		"finally:\n"
		"\tfrappe.db.rollback()\n"
		"\tfrappe.destroy()\n"
	)
	done = subprocess.run(
		[sys.executable, "-c", code], cwd=frappe.local.sites_path, capture_output=True, text=True, timeout=600
	)
	lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
	assert lines, done.stdout[-3000:] + done.stderr[-3000:]
	return json.loads(lines[-1][len("RESULT ") :])
