"""Whitelisted vehicle methods: VIN decoding for the desk, imports and REST clients."""

import frappe
from frappe import _

from dms_app.vehicles.decoding import decode_vin as _decode


@frappe.whitelist()
def decode_vin(vin: str) -> dict:
	"""Decode one VIN with the site's WMI codes and VIN patterns, and vPIC's data; never writes anything."""
	if not isinstance(vin, str) or not vin.strip():
		frappe.throw(_("Enter a VIN to decode"))
	return _decode(vin, vpic=True).to_dict()


@frappe.whitelist()
def decode_vins(vins: list[str] | str) -> list[dict]:
	"""Decode many VINs (a JSON list or one per line) for imports."""
	if isinstance(vins, str):
		vins = frappe.parse_json(vins) if vins.strip().startswith("[") else vins.splitlines()
	if len(vins) > 10000:
		frappe.throw(_("Decode at most 10,000 VINs at a time"))
	return [_decode(vin).to_dict() for vin in vins if str(vin).strip()]


@frappe.whitelist(methods=["POST"])
def import_vehicles(vehicle_import: str) -> dict:
	"""Create the vehicles of a checked Vehicle Import's clean rows (on the long queue when many)."""
	from dms_app.vehicles.doctype.vehicle_import.vehicle_import import ENQUEUE_ABOVE, run_import

	doc = frappe.get_doc("Vehicle Import", vehicle_import)
	doc.check_permission("write")
	if not frappe.has_permission("Motor Vehicle", "create"):
		frappe.throw(_("You are not allowed to create vehicles"), frappe.PermissionError)
	pending = sum(row.row_status == "Valid" for row in doc.rows)
	if not pending:
		frappe.throw(_("No rows are left to import: fix the file and attach it to a new import"))
	if pending > ENQUEUE_ABOVE:
		frappe.enqueue(
			run_import,
			queue="long",
			job_id=f"vehicle_import::{doc.name}",
			deduplicate=True,
			enqueue_after_commit=True,
			vehicle_import=doc.name,
		)
		return {"queued": True, "pending": pending}
	doc = run_import(doc.name)
	return {"queued": False, "imported": doc.imported_rows, "errors": doc.error_rows}
