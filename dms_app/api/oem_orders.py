"""Whitelisted OEM order methods: confirmation import, shipping, receipt, landed cost, parts orders."""

import frappe
from frappe import _
from frappe.utils import cint

from dms_app.api import readable_file
from dms_app.oem_orders import parts, vehicle_orders

DOCTYPE = vehicle_orders.DOCTYPE


def _order_for_update(order: str):
	doc = frappe.get_doc(DOCTYPE, order, for_update=True)
	doc.check_permission("write")
	if doc.docstatus != 1:
		frappe.throw(_("OEM order {0} is not submitted").format(order))
	return doc


def parse_vins(value) -> list[str]:
	"""VINs given as a list, a JSON list or text with one per line (the ship dialog), upper-cased."""
	if isinstance(value, str):
		value = frappe.parse_json(value) if value.strip().startswith("[") else value.split()
	return [str(v).strip().upper() for v in value or [] if str(v).strip()]


@frappe.whitelist(methods=["POST"])
def import_confirmations(
	file_url: str | None = None, csv_text: str | None = None, dry_run: bool | int = False
) -> dict:
	"""Apply an OEM confirmation file (an uploaded CSV/XLSX, or CSV text pasted in the dialog).
	Returns {applied, errors: [{row, reason}], orders, dry_run}; rows with errors change nothing, and
	a dry run (`dry_run=1`) writes nothing at all."""
	# before reading any row: its errors would tell anyone which order numbers and VINs exist
	frappe.has_permission(DOCTYPE, "write", throw=True)
	if file_url:
		file = readable_file(file_url)
		return vehicle_orders.import_confirmations(file.get_content(), file.file_name, dry_run=cint(dry_run))
	if csv_text and csv_text.strip():
		return vehicle_orders.import_confirmations(csv_text, "pasted.csv", dry_run=cint(dry_run))
	frappe.throw(_("Attach a confirmation file or paste its rows"))


@frappe.whitelist(methods=["POST"])
def mark_shipped(
	order: str,
	vins: list[str] | str | None = None,
	shipped_date: str | None = None,
	shipment_no: str | None = None,
	eta: str | None = None,
) -> dict:
	"""Mark allocated vehicles shipped (all not yet shipped when no VINs are given)."""
	doc = _order_for_update(order)
	vins = parse_vins(vins) or [unit.vin for unit in doc.units if unit.status == "VIN Assigned"]
	if not vins:
		frappe.throw(_("OEM order {0} has no allocated vehicle waiting to ship").format(order))
	vehicle_orders.ship_units(doc, vins, shipped_date, shipment_no, eta)
	return {"shipped": len(vins), "status": frappe.db.get_value(DOCTYPE, order, "status")}


@frappe.whitelist()
def make_purchase_receipt(source_name: str, vins: list[str] | str | None = None):
	"""The Purchase Receipt (unsaved, for the form) of the order's vehicles still to receive."""
	frappe.has_permission("Purchase Receipt", "create", throw=True)
	frappe.has_permission(DOCTYPE, "read", source_name, throw=True)
	return vehicle_orders.make_purchase_receipt(source_name, parse_vins(vins) or None)


@frappe.whitelist()
def make_landed_cost_voucher(purchase_receipt: str):
	"""A draft Landed Cost Voucher charging the OEM order's freight per vehicle on the receipt."""
	frappe.has_permission("Landed Cost Voucher", "create", throw=True)
	frappe.has_permission("Purchase Receipt", "read", purchase_receipt, throw=True)
	return vehicle_orders.make_landed_cost_voucher(purchase_receipt)


@frappe.whitelist()
def make_parts_order(
	supplier: str,
	items: list[dict] | str,
	order_type: str = "Stock",
	repair_order: str | None = None,
	material_requests: list[str] | str | None = None,
):
	"""A draft parts Purchase Order from item/qty rows (reorder suggestions) and/or the pending
	quantities of purchase Material Requests; superseded parts are ordered as their current part."""
	frappe.has_permission("Purchase Order", "create", throw=True)
	items = frappe.parse_json(items) if isinstance(items, str) else list(items or [])
	if material_requests:
		names = (
			frappe.parse_json(material_requests) if isinstance(material_requests, str) else material_requests
		)
		items += parts.material_request_items(names)
	return parts.make_parts_order(supplier, items, order_type, repair_order)
