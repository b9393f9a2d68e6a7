"""doc_events that keep Motor Vehicle records in step with ERPNext's stock and selling documents.

Stock only ever moves through ERPNext (Purchase Receipt, Stock Entry, Delivery Note, Sales
Invoice with stock update); these handlers copy the facts onto the vehicle on submit and undo them
on cancel, and refuse documents that would sell or move a vehicle twice.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from dms_app.vehicles import receiving
from dms_app.vehicles.decoding import decode_vin
from dms_app.vehicles.lifecycle import COMMITTED, PIPELINE


def is_vehicle_item(item_code: str | None) -> bool:
	return bool(item_code) and bool(frappe.get_cached_value("Item", item_code, "is_vehicle"))


def row_vins(row) -> list[str]:
	"""The VINs on an item row: its serial numbers (typed or in its bundle), or its `vin` link."""
	from erpnext.stock.doctype.serial_no.serial_no import get_serial_nos
	from erpnext.stock.serial_batch_bundle import get_serial_nos_from_bundle

	vins = get_serial_nos(row.get("serial_no"))
	if not vins and row.get("serial_and_batch_bundle"):
		vins = get_serial_nos_from_bundle(row.serial_and_batch_bundle)
	if not vins and row.get("vin"):
		vins = [row.vin]
	return [v.strip().upper() for v in vins]


# the item-row field of a return that names the returned row
RETURNED_ROW = {
	"Purchase Receipt": "purchase_receipt_item",
	"Delivery Note": "dn_detail",
	"Sales Invoice": "sales_invoice_item",
}


def vins_of(doc) -> list[tuple]:
	"""(row, VIN) for every vehicle on the document's item rows."""
	return [
		(row, vin)
		for row in doc.get("items") or []
		if is_vehicle_item(row.item_code)
		for vin in row_vins(row) or returned_vins(doc, row)
	]


def returned_vins(doc, row) -> list[str]:
	"""A return row without serial numbers returns the VINs of the row it names, all of them."""
	detail = cint(doc.get("is_return")) and row.get(RETURNED_ROW.get(doc.doctype, ""))
	if not detail:
		return []
	vins = row_vins(frappe.get_doc(row.doctype, detail))
	if len(vins) != stock_qty(row):
		frappe.throw(
			_("Row {0}: enter the VINs being returned in the Serial No field").format(row.idx),
			title=_("Vehicles cannot be returned"),
		)
	return vins


def statuses(vins: list[str]) -> dict[str, str]:
	"""Current status of each existing vehicle, in one query."""
	if not vins:
		return {}
	return dict(
		frappe.get_all(
			"Motor Vehicle", filters={"name": ("in", vins)}, fields=["name", "status"], as_list=True
		)
	)


def save_vehicle(vehicle):
	vehicle.flags.ignore_permissions = True
	vehicle.save()


def refresh_location(vins: list[str], back_to_pipeline: bool = False, **changes):
	"""Apply `changes` and copy each vehicle's warehouse from its Serial No, which ERPNext keeps current."""
	for vin in vins:
		if not frappe.db.exists("Motor Vehicle", vin):
			continue
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		vehicle.update(changes)
		vehicle.warehouse = frappe.db.get_value("Serial No", vin, "warehouse")
		if back_to_pipeline:
			# out of stock again: back to where its OEM order left it (status derives from this)
			vehicle.status = vehicle.get("pipeline_status") or "Ordered"
		save_vehicle(vehicle)


# ---------------------------------------------------------------- receipt


def validate_receipt(doc, method=None):
	errors = []
	seen = set()
	pairs = vins_of(doc)
	current = statuses([vin for _row, vin in pairs])
	if cint(doc.get("is_return")):
		return validate_purchase_return(pairs, current)
	for row, vin in pairs:
		info = decode_vin(vin)
		if not info.valid:
			errors.append(_("Row {0}: {1}: {2}").format(row.idx, vin, "; ".join(info.errors)))
		if vin in seen:
			errors.append(_("Row {0}: VIN {1} appears twice in this receipt").format(row.idx, vin))
		seen.add(vin)
		status = current.get(vin)
		if status and status not in PIPELINE:
			errors.append(_("Row {0}: vehicle {1} is already {2}").format(row.idx, vin, _(status)))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Vehicles cannot be received"))


def validate_purchase_return(pairs, current):
	for row, vin in pairs:
		if current.get(vin) in COMMITTED:
			frappe.throw(
				_("Row {0}: vehicle {1} is {2}; cancel its sale before returning it").format(
					row.idx, vin, _(current[vin])
				),
				title=_("Vehicles cannot be returned"),
			)


def on_submit_receipt(doc, method=None):
	"""Create or update the vehicle of each VIN received, in batches (dms_app.vehicles.receiving)."""
	pairs = vins_of(doc)
	if cint(doc.get("is_return")):
		return refresh_location([vin for _row, vin in pairs])
	unit_costs = {}

	def values_of(row, vin: str) -> dict:
		if row.name not in unit_costs:
			unit_costs[row.name] = landed_cost(doc, row)
		return {
			"company": doc.company,
			"serial_no": vin,
			"warehouse": row.get("warehouse") or row.get("t_warehouse"),  # Stock Entry rows: t_warehouse
			"stock_in_date": doc.posting_date,
			"purchase_receipt": doc.name if doc.doctype == "Purchase Receipt" else None,
			"purchase_cost": row.get("rate") or row.get("basic_rate"),
			"landed_cost": unit_costs[row.name],
		}

	receiving.receive(pairs, values_of)


def before_cancel_receipt(doc, method=None):
	pairs = vins_of(doc)
	current = statuses([vin for _row, vin in pairs])
	for row, vin in pairs:
		if current.get(vin) in COMMITTED:
			frappe.throw(
				_("Row {0}: vehicle {1} is {2}; cancel its sale first").format(row.idx, vin, _(current[vin])),
				title=_("Cannot cancel the receipt"),
			)


def on_cancel_receipt(doc, method=None):
	if cint(doc.get("is_return")):
		return refresh_location([vin for _row, vin in vins_of(doc)])
	refresh_location(
		[vin for _row, vin in vins_of(doc)],
		back_to_pipeline=True,
		stock_in_date=None,
		purchase_receipt=None,
		purchase_cost=0,
		landed_cost=0,
	)


def landed_cost(doc, row) -> float:
	"""The unit valuation the stock ledger gave the row (landed cost vouchers included)."""
	rate = frappe.db.get_value(
		"Stock Ledger Entry",
		{
			"voucher_type": doc.doctype,
			"voucher_no": doc.name,
			"voucher_detail_no": row.name,
			"is_cancelled": 0,
		},
		"incoming_rate",
	)
	return rate if rate is not None else row.get("valuation_rate") or 0


# ---------------------------------------------------------------- transfers


RECEIPT_EVENTS = {
	"validate": validate_receipt,
	"on_submit": on_submit_receipt,
	"before_cancel": before_cancel_receipt,
	"on_cancel": on_cancel_receipt,
}


def on_stock_entry_event(doc, method):
	"""A Material Receipt brings vehicles in like a Purchase Receipt (used stock); any other entry moves
	them between locations or out of stock."""
	if doc.purpose == "Material Receipt":
		RECEIPT_EVENTS[method](doc, method)
	elif method in ("on_submit", "on_cancel"):
		refresh_location([vin for _row, vin in vins_of(doc)])


# ---------------------------------------------------------------- selling


def validate_selling(doc, method=None):
	"""Sales Order, Sales Invoice, Delivery Note: VIN rows must name a vehicle free to sell."""
	if cint(doc.get("is_return")):
		return validate_sales_return(doc)
	errors = []
	for row in doc.get("items") or []:
		if not is_vehicle_item(row.item_code):
			continue
		if doc.doctype != "Sales Order" and row.get("vin") and not row.get("serial_and_batch_bundle"):
			# ERPNext pre-fills the first serial in stock: the row's VIN is the one sold
			if not row.get("serial_no") or stock_qty(row) == 1:
				row.serial_no = row.vin
		vins = row_vins(row)
		if doc.doctype != "Sales Order" and vins and not row.get("vin"):
			row.vin = vins[0]
		if not vins:
			if doc.doctype == "Sales Order":
				continue  # a vehicle still to be ordered from the OEM
			errors.append(_("Row {0}: enter the VIN of the {1} sold").format(row.idx, row.item_code))
			continue
		if stock_qty(row) != len(vins):
			errors.append(
				_("Row {0}: quantity {1} does not match {2} VIN(s)").format(row.idx, row.qty, len(vins))
			)
		for vin in vins:
			error = selling_conflict(doc, row, vin)
			if error:
				errors.append(_("Row {0}: {1}").format(row.idx, error))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Vehicle cannot be sold"))


def validate_sales_return(doc):
	"""A return takes back only vehicles that the returned document sold or delivered."""
	field = "delivery_note" if doc.doctype == "Delivery Note" else "sales_invoice"
	for row, vin in vins_of(doc):
		if frappe.db.get_value("Motor Vehicle", vin, field) != doc.return_against:
			frappe.throw(
				_("Row {0}: vehicle {1} was not sold on {2}").format(row.idx, vin, doc.return_against),
				title=_("Vehicle cannot be returned"),
			)


def stock_qty(row) -> int:
	return abs(cint(row.get("stock_qty") or row.qty))


def selling_conflict(doc, row, vin: str, lock: bool = False) -> str | None:
	fields = [
		"name",
		"item",
		"status",
		"sales_order",
		"sales_invoice",
		"delivery_note",
		"reserved_for",
		"customer",
	]
	vehicle = frappe.db.get_value("Motor Vehicle", vin, fields, as_dict=True, for_update=lock)
	if not vehicle:
		return _("VIN {0} is not a vehicle record").format(vin)
	if vehicle.item and vehicle.item != row.item_code:
		return _("vehicle {0} is a {1}, not a {2}").format(vin, vehicle.item, row.item_code)
	customer = doc.customer
	own_order = row.get("sales_order") or row.get("against_sales_order")
	if doc.doctype == "Sales Order":
		own_order = doc.name
	other_order = vehicle.sales_order and vehicle.sales_order != own_order
	if other_order and (doc.doctype == "Sales Order" or vehicle.reserved_for != customer):
		return _("vehicle {0} is reserved for {1} on Sales Order {2}").format(
			vin, vehicle.reserved_for, vehicle.sales_order
		)
	if vehicle.sales_invoice and vehicle.sales_invoice != doc.name:
		if doc.doctype != "Delivery Note" or vehicle.customer != customer:
			return _("vehicle {0} is already sold on Sales Invoice {1}").format(vin, vehicle.sales_invoice)
	if vehicle.delivery_note and vehicle.delivery_note != doc.name:
		takes_stock = doc.doctype == "Delivery Note" or cint(doc.get("update_stock"))
		if takes_stock or doc.doctype == "Sales Order" or vehicle.customer != customer:
			return _("vehicle {0} was already delivered on {1}").format(vin, vehicle.delivery_note)
	if vehicle.status in ("Scrapped", "In Service"):
		return _("vehicle {0} is {1}, not dealer stock").format(vin, _(vehicle.status))
	return None


def lock_and_check(doc, method=None):
	"""Before submit: lock each vehicle row (SELECT … FOR UPDATE) and check it again. Of two
	salespeople selling one VIN at the same moment, the second waits for the first and then gets the
	error; locked before ERPNext's own submit writes (Bin, ledgers), the second waits there, not
	halfway through those. A return is checked by its own rules (validate)."""
	if cint(doc.get("is_return")):
		return
	for row, vin in vins_of(doc):
		error = selling_conflict(doc, row, vin, lock=True)
		if error:
			frappe.throw(_("Row {0}: {1}").format(row.idx, error), title=_("Vehicle cannot be sold"))


def on_submit_sales_order(doc, method=None):
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		vehicle.update({"sales_order": doc.name, "reserved_for": doc.customer})
		save_vehicle(vehicle)


def on_cancel_sales_order(doc, method=None):
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		if vehicle.sales_order == doc.name:
			vehicle.update({"sales_order": None, "reserved_for": None})
			save_vehicle(vehicle)


def on_submit_sales_invoice(doc, method=None):
	if cint(doc.is_return):
		return on_cancel_sales_invoice(doc, method)
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		vehicle.update({"sales_invoice": doc.name, "customer": doc.customer})
		if cint(doc.update_stock):
			mark_delivered(vehicle, doc)
		save_vehicle(vehicle)


def on_cancel_sales_invoice(doc, method=None):
	if cint(doc.is_return) and method == "on_cancel":
		return resell(doc)
	original = doc.return_against if cint(doc.is_return) else doc.name
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		if vehicle.sales_invoice == original:
			vehicle.sales_invoice = None
			if vehicle.delivery_note == original:
				unmark_delivered(vehicle)
			if not vehicle.delivery_note:
				vehicle.customer = None
		vehicle.warehouse = frappe.db.get_value("Serial No", vin, "warehouse")
		save_vehicle(vehicle)


def on_submit_delivery_note(doc, method=None):
	if cint(doc.is_return):
		return on_cancel_delivery_note(doc, method)
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		mark_delivered(vehicle, doc)
		save_vehicle(vehicle)


def on_cancel_delivery_note(doc, method=None):
	if cint(doc.is_return) and method == "on_cancel":
		return redeliver(doc)
	original = doc.return_against if cint(doc.is_return) else doc.name
	for _row, vin in vins_of(doc):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		if vehicle.delivery_note == original:
			unmark_delivered(vehicle)
			if not vehicle.sales_invoice:
				vehicle.customer = None
		vehicle.warehouse = frappe.db.get_value("Serial No", vin, "warehouse")
		save_vehicle(vehicle)


def resell(credit_note):
	"""Cancelling a credit note puts the sale (and, for a stock-updating invoice, the delivery) back."""
	original = frappe.get_doc("Sales Invoice", credit_note.return_against)
	for _row, vin in vins_of(credit_note):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		if not vehicle.sales_invoice:
			vehicle.update({"sales_invoice": original.name, "customer": original.customer})
			if cint(original.update_stock) and not vehicle.delivery_note:
				mark_delivered(vehicle, original)
			vehicle.warehouse = frappe.db.get_value("Serial No", vin, "warehouse")
			save_vehicle(vehicle)


def redeliver(sales_return):
	"""Cancelling a sales return hands the vehicles over again on the original delivery."""
	original = frappe.get_doc(sales_return.doctype, sales_return.return_against)
	for _row, vin in vins_of(sales_return):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		if not vehicle.delivery_note:
			mark_delivered(vehicle, original)
			save_vehicle(vehicle)


def mark_delivered(vehicle, doc):
	"""Handing over starts the OEM warranty (the retail delivery date)."""
	vehicle.update(
		{
			"delivery_doctype": doc.doctype,
			"delivery_note": doc.name,
			"delivery_date": doc.posting_date,
			"warranty_start_date": vehicle.warranty_start_date or doc.posting_date,
			"customer": doc.customer,
			"warehouse": None,
		}
	)


def unmark_delivered(vehicle):
	if vehicle.warranty_start_date and getdate(vehicle.warranty_start_date) == getdate(vehicle.delivery_date):
		vehicle.warranty_start_date = None
	vehicle.update({"delivery_doctype": None, "delivery_note": None, "delivery_date": None})
