"""Claim files on the site: export submitted claims, import the OEM's response (rules in exchange.py)."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from dms_app.controllers import lifecycle
from dms_app.progress import Progress
from dms_app.translation import set_translator
from dms_app.warranty.exchange import (
	ClaimFacts,
	ResponseFileError,
	parse_response,
	to_csv,
	to_json,
	validate_responses,
)
from dms_app.warranty.rules import AWAITING_OEM, RESPONSE_STATES

EXPORTABLE = AWAITING_OEM


def export_claims(
	file_format: str = "csv", oem_customer: str | None = None, claims: list | None = None
) -> str:
	"""CSV or JSON of the claims awaiting the OEM (or the named `claims`)."""
	filters = {"docstatus": 1}
	if claims:
		filters["name"] = ("in", claims)
	else:
		filters["status"] = ("in", EXPORTABLE)
	if oem_customer:
		filters["oem_customer"] = oem_customer
	names = frappe.get_list("OEM Warranty Claim", filters=filters, pluck="name", order_by="name")
	progress = Progress(len(names), _("Exporting warranty claims"))
	rows = []
	for done, name in enumerate(names):
		progress(done, _("{0} of {1} claims").format(done, len(names)))
		rows.append(export_row(frappe.get_doc("OEM Warranty Claim", name)))
	progress(len(names))
	if file_format == "json":
		return to_json(rows)
	if file_format == "csv":
		return to_csv(rows)
	frappe.throw(_("Export as csv or json, not {0}").format(file_format))


def export_row(claim) -> dict:
	return {
		"claim": claim.name,
		"vin": claim.vin,
		"make": claim.make,
		"model": claim.model,
		"oem": claim.oem_customer,
		"repair_order": claim.repair_order,
		"job_no": claim.job_no,
		"failure_date": getdate(claim.failure_date),
		"repair_date": getdate(claim.repair_completed_on),
		"odometer": claim.odometer,
		"odometer_unit": claim.odometer_unit,
		"causal_part": claim.causal_part,
		"failure_code": claim.failure_code,
		"defect_code": claim.defect_code,
		"condition": claim.condition,
		"cause": claim.cause,
		"correction": claim.correction,
		"labour_hours": claim.labour_hours,
		"labour_amount": claim.labour_total,
		"parts_amount": claim.parts_total,
		"sublet_amount": claim.sublet_total,
		"claimed_amount": claim.claimed_amount,
		"currency": claim.currency,
		"submitted_on": getdate(claim.submitted_on) if claim.submitted_on else None,
		"status": claim.status,
		"labour": [
			{
				"operation": r.labour_operation,
				"description": r.description,
				"hours": r.warranty_hours,
				"rate": r.labour_rate,
				"amount": r.amount,
			}
			for r in claim.labour
		],
		"parts": [
			{
				"item_code": r.item_code,
				"description": r.item_name,
				"qty": r.qty,
				"rate": r.reimbursement_rate,
				"amount": r.amount,
				"causal": bool(r.is_causal_part),
			}
			for r in claim.parts
		],
		"sublet": [
			{"description": r.description, "supplier": r.supplier, "amount": r.amount} for r in claim.sublets
		],
	}


def import_response(content: str | bytes, file_format: str, dry_run: bool = False) -> dict:
	"""Apply an OEM response file: valid rows are written together (all or none), bad rows reported.

	Each row moves its claim to the OEM's answer with its amount, reason and credit reference: a
	system move to the claim's milestones (whatever the workflow calls its states), checked by the
	claim as a workflow action is; a "Credited" row books the credit at once. The importer needs the
	right to submit claims.
	A row whose answer the claim already has (the same file imported again) changes nothing and is
	listed under "unchanged". A dry run checks every row and writes nothing: "updated" then lists the
	claims a real run would update.
	Returns {"updated": [claim, ...], "unchanged": [claim, ...], "errors": [{"row", "claim", "error"},
	...], "rolled_back", "dry_run"}.
	"""
	set_translator(_)
	try:
		rows, errors = parse_response(content, file_format)
	except ResponseFileError as e:
		frappe.throw(_("Can't read the OEM response file: {0}").format(str(e)), title=_("Invalid File"))
	names = list({row.claim for row in rows})
	facts = (
		{
			c.name: ClaimFacts(c.name, c.vin, c.status, c.claimed_amount, c.accepted_amount)
			for c in frappe.get_all(
				"OEM Warranty Claim",
				filters={"name": ("in", names), "docstatus": 1},
				fields=["name", "vin", "status", "claimed_amount", "accepted_amount"],
			)
		}
		if names
		else {}
	)
	reasons = set(frappe.get_all("Warranty Rejection Reason", filters={"disabled": 0}, pluck="name"))
	unchanged = []
	valid, invalid = validate_responses(rows, facts, reasons, unchanged)
	errors = sorted(errors + invalid, key=lambda e: e["row"])
	result = {"unchanged": [row.claim for row in unchanged], "dry_run": bool(dry_run)}
	if dry_run:
		return {"updated": [row.claim for row in valid], "errors": errors, "rolled_back": False, **result}

	updated = []
	progress = Progress(len(valid), _("Importing the OEM response"))
	frappe.db.savepoint("oem_response_import")
	try:
		for row in valid:
			progress(len(updated), _("{0} of {1} claims").format(len(updated), len(valid)))
			apply_row(row)
			updated.append(row.claim)
	except Exception as e:
		frappe.db.rollback(save_point="oem_response_import")
		frappe.clear_last_message()
		failed = valid[len(updated)]
		message = frappe.utils.strip_html(str(e)) or type(e).__name__
		errors.append({"row": failed.row, "claim": failed.claim, "error": message})
		return {
			"updated": [],
			"errors": sorted(errors, key=lambda e: e["row"]),
			"rolled_back": True,
			**result,
		}
	finally:
		progress(len(valid))
	return {"updated": updated, "errors": errors, "rolled_back": False, **result}


def apply_row(row):
	claim = frappe.get_doc("OEM Warranty Claim", row.claim)
	claim.check_permission("submit")
	for milestone in row.path:
		claim.reload()
		values = {"response_date": claim.response_date or row.credit_date or getdate(nowdate())}
		if row.oem_reference:
			values["oem_reference"] = row.oem_reference
		if row.notes:
			values["response_notes"] = row.notes
		if milestone in RESPONSE_STATES:
			values.update(accepted_amount=row.accepted_amount, rejection_reason=row.reason_code or None)
		if milestone == "Credited":
			values.update(
				credit_reference=row.credit_reference, credit_date=row.credit_date or getdate(nowdate())
			)
		claim.flags.response_source = _("OEM file")
		lifecycle.reach(claim, milestone, **values)
