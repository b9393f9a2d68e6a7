"""Demo warranty data: claims in every state, loaded twice without duplicates."""

import random

import frappe

from dms_app.demo import masters, vehicles, warranty


def test_demo_claims_in_every_state_and_idempotent():
	masters.create(random.Random(1))
	vehicles.ensure_catalogue()
	customers = masters.customer_names(random.Random(1))
	first = warranty.create(random.Random(5), customers)
	again = warranty.create(random.Random(5), customers)
	assert first["warranty claims"] == 6 and again["warranty claims"] == 0
	statuses = set(frappe.get_all("OEM Warranty Claim", pluck="status"))
	assert {"Draft", "Submitted", "Credited", "Rejected", "Written Off"} <= statuses
