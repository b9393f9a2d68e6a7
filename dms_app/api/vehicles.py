"""Whitelisted vehicle methods: VIN decoding and the import for the Motor Vehicle and Vehicle Import
forms; the Vehicle Stock Value number card."""

import frappe
from frappe import _
from frappe.utils import flt

from dms_app.controllers import reports
from dms_app.vehicles import inventory
from dms_app.vehicles.decoding import decode_vin as _decode

STOCK_VALUE_REPORT = "Vehicle Inventory Turn and Days Supply"


@frappe.whitelist()
def decode_vin(vin: str) -> dict:
	"""Decode one VIN with the site's WMI codes and VIN patterns, and vPIC's data; never writes anything."""
	if not isinstance(vin, str) or not vin.strip():
		frappe.throw(_("Enter a VIN to decode"))
	return _decode(vin, vpic=True).to_dict()


@frappe.whitelist(methods=["POST"])
def import_vehicles(vehicle_import: str) -> dict:
	"""Create the vehicles of a checked Vehicle Import's clean rows (on the long queue when many)."""
	from dms_app.vehicles.doctype.vehicle_import.vehicle_import import (
		ENQUEUE_ABOVE,
		enqueue_import,
		run_import,
	)

	doc = frappe.get_doc("Vehicle Import", vehicle_import)
	doc.check_permission("write")
	if not frappe.has_permission("Motor Vehicle", "create"):
		frappe.throw(_("You are not allowed to create vehicles"), frappe.PermissionError)
	if doc.status in ("Queued", "Running"):
		frappe.throw(_("This import is already being run in the background"))
	pending = sum(row.row_status == "Valid" for row in doc.rows)
	if not pending:
		frappe.throw(_("No rows are left to import: fix the file and attach it to a new import"))
	if pending > ENQUEUE_ABOVE:
		enqueue_import(doc.name)
		return {"queued": True, "pending": pending}
	doc = run_import(doc.name)
	return {"queued": False, "imported": doc.imported_rows, "errors": doc.error_rows}


@frappe.whitelist()
@frappe.read_only()  # a KPI read: on the replica when the site has one
def vehicle_stock_value(filters: dict | str | None = None) -> dict:
	"""The Vehicle Stock Value number card: the vehicle stock value today (inventory.stock_value), the
	Closing Inventory of Vehicle Inventory Turn and Days Supply for the same company and date, which
	the card opens."""
	if not frappe.get_cached_doc("Report", STOCK_VALUE_REPORT).is_permitted():
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	company, _from_date, today = reports.period(frappe.parse_json(filters) or {})
	return {
		"value": flt(sum(inventory.stock_value(company, today).values()), 2),
		"fieldtype": "Currency",
		"route": ["query-report", STOCK_VALUE_REPORT],
		"route_options": {"company": company, "to_date": str(today)},
	}
