"""OEM files on the site: export → OEM response → import, bad rows reported, all-or-nothing writes."""

import csv
import io
import json

import frappe
import pytest

from dms_app.api.warranty import export_claims, import_response
from dms_app.tests.factories import make_user, private_file
from dms_app.tests.warranty import make_claim, make_customer_vehicle, make_warranty_make


@pytest.fixture(scope="module")
def submitted_claims(module_transaction):
	"""Three submitted claims, made once for the module: each test rolls back to them (conftest.py)."""
	make_warranty_make()
	names = [make_claim(make_customer_vehicle(), submit=True).name for _ in range(3)]
	module_transaction.keep()
	return names


@pytest.fixture
def claims(submitted_claims):
	return [frappe.get_doc("OEM Warranty Claim", name) for name in submitted_claims]


def response_csv(rows: list[list]) -> str:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(["claim", "vin", "status", "accepted_amount", "reason_code", "credit_reference"])
	writer.writerows(rows)
	return out.getvalue()


def test_export_then_import_round_trip(claims):
	exported = list(csv.DictReader(io.StringIO(export_claims("csv"))))
	mine = [row for row in exported if row["claim"] in {c.name for c in claims}]
	assert len(mine) == 3 and mine[0]["claimed_amount"] == "450.0" and mine[0]["labour_hours"] == "1.5"
	data = json.loads(export_claims("json", claims=json.dumps([claims[0].name])))
	assert [c["claim"] for c in data["claims"]] == [claims[0].name]
	assert data["claims"][0]["parts"][0]["rate"] == 110 and data["claims"][0]["labour"][0]["hours"] == 1.5

	first, second, third = mine
	result = import_response(
		response_csv(
			[
				[first["claim"], first["vin"], "Credited", "450", "", "CN-100"],
				[second["claim"], second["vin"], "Partially Accepted", "400", "EXH", ""],
				[third["claim"], third["vin"], "Rejected", "", "WCP", ""],
			]
		),
		"csv",
	)
	assert result["errors"] == [] and sorted(result["updated"]) == sorted(c.name for c in claims)
	one, two, three = (frappe.get_doc("OEM Warranty Claim", c.name) for c in claims)
	assert (one.status, one.credited_amount, bool(one.payment_entry)) == ("Credited", 450, True)
	assert [r.status for r in one.responses] == ["Accepted", "Credited"]
	assert one.responses[0].source == "OEM file"
	assert (two.status, two.accepted_amount, two.rejection_reason) == ("Partially Accepted", 400, "EXH")
	assert (three.status, three.rejection_reason) == ("Rejected", "WCP")
	assert frappe.db.get_value("Sales Invoice", one.sales_invoice, "outstanding_amount") == 0
	# answered claims are no longer exported
	assert not {c.name for c in claims} & {
		r["claim"] for r in csv.DictReader(io.StringIO(export_claims("csv")))
	}


def test_unknown_claims_and_amounts_above_the_claim_are_reported_not_written(claims):
	good, too_much = claims[0], claims[1]
	content = json.dumps(
		[
			{"claim": good.name, "status": "Accepted", "accepted_amount": 450},
			{"claim": "WTY-NOPE-1", "status": "Accepted", "accepted_amount": 10},
			{
				"claim": too_much.name,
				"status": "Partially Accepted",
				"accepted_amount": 999,
				"reason_code": "EXH",
			},
		]
	)
	result = import_response(content, "json")
	assert result["updated"] == [good.name]
	assert [(e["row"], e["claim"]) for e in result["errors"]] == [(2, "WTY-NOPE-1"), (3, too_much.name)]
	assert "unknown claim" in result["errors"][0]["error"]
	assert "above the claimed" in result["errors"][1]["error"]
	assert frappe.db.get_value("OEM Warranty Claim", good.name, "status") == "Accepted"
	assert frappe.db.get_value("OEM Warranty Claim", too_much.name, "status") == "Submitted"


def test_a_row_failing_on_write_rolls_back_every_row(claims):
	"""Part of a claim's invoice was paid outside the claim: its credit row can't be booked, so no row
	is kept."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	payment = get_payment_entry("Sales Invoice", claims[1].sales_invoice, party_amount=100)
	payment.reference_no = "OUTSIDE-1"
	payment.insert()
	payment.submit()
	result = import_response(
		response_csv(
			[
				[claims[0].name, "", "Rejected", "", "IVN", ""],
				[claims[1].name, "", "Credited", "400", "EXH", "CN-9"],
			]
		),
		"csv",
	)
	assert result["updated"] == [] and result["rolled_back"]
	assert result["errors"][0]["claim"] == claims[1].name
	for claim in claims:
		assert frappe.db.get_value("OEM Warranty Claim", claim.name, "status") == "Submitted"
	assert not frappe.db.exists("Payment Entry", {"reference_no": "CN-9", "docstatus": 1})


def test_unreadable_file_is_refused(claims):
	with pytest.raises(frappe.ValidationError, match="Can't read"):
		import_response("just text", "csv")
	with pytest.raises(frappe.ValidationError, match="Can't read"):
		import_response("{broken", "json")


def test_only_warranty_roles_exchange_files(claims):
	frappe.set_user(make_user(roles=("Service Advisor",)))
	with pytest.raises(frappe.PermissionError):
		export_claims("csv")
	with pytest.raises(frappe.PermissionError):
		import_response(response_csv([[claims[0].name, "", "Accepted", "450", "", ""]]), "csv")
	frappe.set_user("Administrator")
	assert frappe.db.get_value("OEM Warranty Claim", claims[0].name, "status") == "Submitted"


def test_another_users_private_file_is_not_read(claims):
	content = response_csv([[claims[0].name, "", "Accepted", "450", "", ""]])
	with private_file(content) as file:
		frappe.set_user(make_user(roles=("Warranty Administrator",)))
		with pytest.raises(frappe.PermissionError):
			import_response(file_url=file.file_url)
	assert frappe.db.get_value("OEM Warranty Claim", claims[0].name, "status") == "Submitted"
