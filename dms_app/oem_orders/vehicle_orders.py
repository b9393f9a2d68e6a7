"""OEM vehicle orders in ERPNext terms: the Purchase Order they place, the Purchase Receipts that
receive them, the Motor Vehicle records they create, and the OEM's confirmations that move them on.

The order's lines and VIN rows are the dealer's view of the OEM's progress; stock and payables
move only through the Purchase Order and Purchase Receipt, whose doc_events update the order.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.model.mapper import get_mapped_doc
from frappe.utils import cint, flt, getdate, nowdate

from dms_app import translation
from dms_app.controllers import lifecycle
from dms_app.oem_orders import confirmation_import
from dms_app.oem_orders.progress import LineProgress, order_stage
from dms_app.vehicles.decoding import decode_vin
from dms_app.vehicles.lifecycle import PIPELINE
from dms_app.vehicles.stock_events import row_vins

DOCTYPE = "OEM Vehicle Order"
MAX_IMPORT_ROWS = 2000  # one request; an OEM's daily file is far smaller


# ---------------------------------------------------------------- progress


def refresh_progress(order):
	"""Per-line and order counts from the VIN rows; refuses counts beyond what was ordered."""
	counts = defaultdict(lambda: defaultdict(int))
	for unit in order.get("units") or []:
		counts[cint(unit.line)]["assigned"] += 1
		if unit.status in ("Shipped", "Received"):
			counts[cint(unit.line)]["shipped"] += 1
		if unit.status == "Received":
			counts[cint(unit.line)]["received"] += 1
	lines = {line.idx: line for line in order.lines}
	for number in counts:
		if number not in lines:
			frappe.throw(_("VIN rows refer to line {0}, which the order does not have").format(number))
	for line in order.lines:
		line_counts = counts[line.idx]
		line.qty_vin_assigned = line_counts["assigned"]
		line.qty_shipped = line_counts["shipped"]
		line.qty_received = line_counts["received"]
		line.qty_confirmed = max(cint(line.qty_confirmed), line.qty_vin_assigned)
		if line.qty_confirmed > cint(line.qty):
			frappe.throw(
				_("Line {0} ({1}): {2} confirmed or allocated, more than the {3} ordered").format(
					line.idx, line.trim, line.qty_confirmed, line.qty
				),
				title=_("Confirmed more than ordered"),
			)
	for field in ("qty_confirmed", "qty_vin_assigned", "qty_shipped", "qty_received"):
		order.set(field, sum(cint(line.get(field)) for line in order.lines))
	order.total_qty = sum(cint(line.qty) for line in order.lines)
	order.per_received = flt(order.qty_received * 100 / order.total_qty, 2) if order.total_qty else 0


def stage_of(order) -> str:
	return order_stage(
		[
			LineProgress(
				cint(line.qty),
				cint(line.qty_confirmed),
				cint(line.qty_vin_assigned),
				cint(line.qty_shipped),
				cint(line.qty_received),
			)
			for line in order.lines
		]
	)


def save_progress(order):
	"""Save a submitted order changed by the system (an OEM file, a receipt) at the milestone its
	vehicles have reached: a system move, which may jump ahead (a file confirming and shipping at
	once) or go back (a cancelled receipt), beyond what the workflow's one-step actions express. The
	workflow state follows the milestone."""
	refresh_progress(order)
	lifecycle.reach(order, stage_of(order))


# ---------------------------------------------------------------- purchase order


def make_purchase_order(source_name: str, target_doc=None):
	def update_item(source, target, source_parent):
		target.schedule_date = source.requested_week
		target.warehouse = source_parent.warehouse
		target.description = " — ".join(filter(None, (source.trim, source.colour, source.options)))
		target.price_list_rate = source.rate

	def postprocess(source, target):
		target.schedule_date = min(getdate(row.schedule_date) for row in target.items)
		target.run_method("set_missing_values")
		target.run_method("calculate_taxes_and_totals")

	return get_mapped_doc(
		DOCTYPE,
		source_name,
		{
			DOCTYPE: {
				"doctype": "Purchase Order",
				"field_map": {"name": "oem_vehicle_order", "warehouse": "set_warehouse"},
				"field_no_map": [
					"naming_series",
					"status",
					"workflow_state",
					"per_received",
					"grand_total",
					"total_qty",
				],
				"validation": {"docstatus": ["=", 1]},
			},
			"OEM Vehicle Order Line": {
				"doctype": "Purchase Order Item",
				"field_map": {"item": "item_code"},
				"field_no_map": ["amount"],
				"postprocess": update_item,
			},
		},
		target_doc,
		postprocess,
		ignore_permissions=True,
	)


def place_purchase_order(order):
	"""On submit: the ERPNext Purchase Order that carries the order to payables and ordered stock."""
	po = make_purchase_order(order.name)
	# the consequence of submitting the order, which its own permissions already allowed
	po.flags.ignore_permissions = True
	po.insert()
	po.submit()
	for line, item in zip(order.lines, po.items, strict=True):
		line.db_set("purchase_order_item", item.name)
	order.db_set("purchase_order", po.name)


def cancel_purchase_order(order):
	if order.purchase_order and frappe.db.get_value("Purchase Order", order.purchase_order, "docstatus") == 1:
		po = frappe.get_doc("Purchase Order", order.purchase_order)
		po.flags.ignore_permissions = True
		po.cancel()


# ---------------------------------------------------------------- vehicles


def create_vehicle(order, line, vin: str):
	"""The dealer's record of an allocated vehicle, in the pipeline (Ordered) until it ships."""
	frappe.get_doc(
		{
			"doctype": "Motor Vehicle",
			"vin": vin,
			"trim": line.trim,
			"item": line.item,
			"colour": line.colour,
			"company": order.company,
			"status": "Ordered",
			"pipeline_status": "Ordered",
			"oem_order": order.name,
		}
	).insert(ignore_permissions=True)


def set_pipeline(vin: str, stage: str):
	"""Record where the OEM order has the vehicle; its status follows while it's not in stock."""
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	vehicle.pipeline_status = stage
	if vehicle.status in PIPELINE:
		vehicle.status = stage
	vehicle.flags.ignore_permissions = True
	vehicle.save()


def ship_units(order, vins: list[str], shipped_date=None, shipment_no=None, eta=None):
	"""Mark the order's `vins` shipped, after checking all of them (nothing is written on an error)."""
	shipped_date = getdate(shipped_date or nowdate())
	if eta and getdate(eta) < shipped_date:
		frappe.throw(
			_("The ETA {0} is before the shipping date {1}").format(
				frappe.format(eta, "Date"), frappe.format(shipped_date, "Date")
			)
		)
	units = {unit.vin: unit for unit in order.units}
	for vin in vins:
		unit = units.get(vin)
		if not unit:
			frappe.throw(_("VIN {0} is not on OEM order {1}").format(vin, order.name))
		if unit.status == "Received":
			frappe.throw(_("VIN {0} is already received on {1}").format(vin, unit.purchase_receipt))
	for vin in vins:
		mark_shipped(units[vin], shipped_date, shipment_no, eta)
	save_progress(order)


def mark_shipped(unit, shipped_date, shipment_no=None, eta=None):
	unit.shipment_no = shipment_no or unit.shipment_no
	unit.eta = eta or unit.eta
	if unit.status == "VIN Assigned":
		unit.status = "Shipped"
		unit.shipped_date = shipped_date
		set_pipeline(unit.vin, "In Transit")


def delete_pipeline_vehicles(order):
	"""A cancelled order's vehicles never come: remove the records it created that are still in the pipeline."""
	for vin in frappe.get_all(
		"Motor Vehicle", filters={"oem_order": order.name, "status": ("in", PIPELINE)}, pluck="name"
	):
		# force: the cancelled order's own VIN rows still link it; reservations were refused before
		frappe.delete_doc("Motor Vehicle", vin, ignore_permissions=True, force=True)


def check_cancellable(order):
	received = [unit for unit in order.units if unit.status == "Received"]
	if received:
		frappe.throw(
			_(
				"{0} vehicle(s) of this order are already received ({1}); cancel or return the receipts first"
			).format(len(received), ", ".join(sorted({u.purchase_receipt or u.vin for u in received}))),
			title=_("Cannot cancel the OEM order"),
		)
	reserved = frappe.get_all(
		"Motor Vehicle",
		filters={"oem_order": order.name, "sales_order": ("is", "set")},
		fields=["name", "sales_order"],
	)
	if reserved:
		frappe.throw(
			_("Vehicle {0} is reserved on Sales Order {1}; cancel the reservation first").format(
				reserved[0].name, reserved[0].sales_order
			),
			title=_("Cannot cancel the OEM order"),
		)


# ---------------------------------------------------------------- confirmation import


def import_confirmations(content: bytes | str, filename: str, dry_run: bool = False) -> dict:
	"""Apply an OEM confirmation file: every row that fits is applied (in this one transaction),
	every other row is reported with its row number and reason and changes nothing. A row the order
	already has (the same file imported again) fits and changes nothing. A dry run checks every row
	and writes nothing ("applied" is then what a real run would apply)."""
	translation.set_translator(_)
	try:
		rows = confirmation_import.read_rows(content, filename, max_rows=MAX_IMPORT_ROWS)
	except confirmation_import.FileError as exc:
		frappe.throw(_("Cannot read {0}: {1}").format(filename, exc), title=_("Invalid confirmation file"))
	if len(rows) > MAX_IMPORT_ROWS:
		frappe.throw(
			_("{0} has {1} rows; import at most {2} rows at a time").format(
				filename, len(rows), MAX_IMPORT_ROWS
			)
		)
	refs = {str(row.values.get("oem_order_no") or "").strip() for row in rows} - {""}
	orders = load_orders(refs)
	order_keys, lines = {}, {}
	for order in orders.values():
		order_keys[order.name] = order.name
		if order.oem_order_no:
			order_keys[order.oem_order_no] = order.name
			order_keys[order.oem_order_no.upper()] = order.name
		for line in order.lines:
			lines[(order.name, line.idx)] = confirmation_import.LineState(
				order.name,
				line.idx,
				cint(line.qty),
				cint(line.qty_confirmed),
				{unit.vin: unit.status for unit in order.units if cint(unit.line) == line.idx},
			)
	file_vins = {str(row.values.get("vin") or "").strip().upper() for row in rows} - {""}
	plan = confirmation_import.plan(rows, lines, order_keys, known_vins(file_vins), vin_errors)
	by_order = defaultdict(list)
	for change in plan.changes:
		by_order[change.order].append(change)
	if not dry_run:
		for name, changes in by_order.items():
			apply_changes(orders[name], changes)
	result = {
		"applied": len(plan.changes),
		"errors": [{"row": row_no, "reason": reason} for row_no, reason in plan.errors],
		"orders": sorted(by_order),
	}
	return {**result, "dry_run": True} if dry_run else result


def load_orders(refs: set[str]) -> dict:
	"""The submitted orders a file refers to (by name or OEM order number), locked for this import."""
	if not refs:
		return {}
	names = set(
		frappe.get_all(DOCTYPE, filters={"docstatus": 1, "name": ("in", list(refs))}, pluck="name")
	) | set(
		frappe.get_all(DOCTYPE, filters={"docstatus": 1, "oem_order_no": ("in", list(refs))}, pluck="name")
	)
	orders = {}
	for name in sorted(names):
		if not frappe.has_permission(DOCTYPE, "write", name):
			frappe.throw(_("Not permitted to update OEM order {0}").format(name), frappe.PermissionError)
		orders[name] = frappe.get_doc(DOCTYPE, name, for_update=True)
	return orders


def known_vins(vins: set[str]) -> dict[str, str]:
	"""VINs the dealer already has a vehicle record for, with where it stands."""
	if not vins:
		return {}
	return {
		vehicle.name: _("vehicle record {0}, {1}").format(
			vehicle.name,
			_("on OEM order {0}").format(vehicle.oem_order) if vehicle.oem_order else _(vehicle.status),
		)
		for vehicle in frappe.get_all(
			"Motor Vehicle", filters={"name": ("in", list(vins))}, fields=["name", "status", "oem_order"]
		)
	}


def vin_errors(vin: str) -> list[str]:
	info = decode_vin(vin)
	return [] if info.valid else list(info.errors)


def apply_changes(order, changes):
	lines = {line.idx: line for line in order.lines}
	units = {unit.vin: unit for unit in order.units}
	for change in changes:
		line = lines[change.line]
		if change.qty_confirmed is not None:
			line.qty_confirmed = change.qty_confirmed
		if not change.vin:
			continue
		unit = units.get(change.vin)
		if unit is None:
			create_vehicle(order, line, change.vin)
			unit = units[change.vin] = order.append(
				"units", {"line": change.line, "vin": change.vin, "status": "VIN Assigned"}
			)
		if change.eta:
			unit.eta = change.eta
		if change.shipment_no:
			unit.shipment_no = change.shipment_no
		if change.invoice_price is not None:
			unit.invoice_price = change.invoice_price
		if change.shipped_date:
			mark_shipped(unit, change.shipped_date)
	save_progress(order)


# ---------------------------------------------------------------- receipt


def make_purchase_receipt(order_name: str, vins: list[str] | None = None):
	"""A Purchase Receipt mapped from the order's Purchase Order for the vehicles not yet received
	(or the given VINs), VINs as serial numbers, priced at each VIN's OEM invoice price."""
	from erpnext.buying.doctype.purchase_order.purchase_order import make_purchase_receipt as po_receipt

	order = frappe.get_doc(DOCTYPE, order_name)
	if order.docstatus != 1 or not order.purchase_order:
		frappe.throw(_("Submit OEM order {0} before receiving it").format(order.name))
	open_units = [unit for unit in order.units if unit.status != "Received"]
	if vins:
		wanted = {vin.strip().upper() for vin in vins}
		known = {unit.vin for unit in open_units}
		for vin in sorted(wanted - known):
			frappe.throw(
				_("VIN {0} is not a vehicle of OEM order {1} still to receive").format(vin, order.name)
			)
		open_units = [unit for unit in open_units if unit.vin in wanted]
	if not open_units:
		frappe.throw(_("OEM order {0} has no allocated vehicle (VIN) left to receive").format(order.name))
	receipt = po_receipt(order.purchase_order)
	lines = {line.purchase_order_item: line for line in order.lines}
	mapped = list(receipt.items)
	receipt.set("items", [])
	for row in mapped:
		line = lines.get(row.purchase_order_item)
		prices = defaultdict(list)
		for unit in open_units:
			if line and cint(unit.line) == line.idx:
				prices[flt(unit.invoice_price) or flt(line.rate)].append(unit.vin)
		for price, price_vins in prices.items():
			fields = {k: v for k, v in row.as_dict().items() if k not in ("name", "idx")}
			fields.update(
				{
					"qty": len(price_vins),
					"received_qty": len(price_vins),
					"stock_qty": len(price_vins) * flt(row.conversion_factor or 1),
					"rate": price,
					"price_list_rate": price,
					"warehouse": order.warehouse,
					"use_serial_batch_fields": 1,
					"serial_no": "\n".join(price_vins),
				}
			)
			receipt.append("items", fields)
	receipt.run_method("set_missing_values")
	receipt.run_method("calculate_taxes_and_totals")
	return receipt


def order_lines_of_receipt(doc) -> dict:
	"""{Purchase Receipt row name: (order name, line idx)} for rows received against an OEM order."""
	po_items = [row.purchase_order_item for row in doc.items if row.get("purchase_order_item")]
	if not po_items:
		return {}
	lines = {
		line.purchase_order_item: (line.parent, line.idx)
		for line in frappe.get_all(
			"OEM Vehicle Order Line",
			filters={"purchase_order_item": ("in", po_items), "docstatus": 1},
			fields=["parent", "idx", "purchase_order_item"],
		)
	}
	return {
		row.name: lines[row.purchase_order_item]
		for row in doc.items
		if row.get("purchase_order_item") in lines
	}


def validate_receipt(doc, method=None):
	"""Every VIN received against an OEM order's Purchase Order must be a vehicle of that order line."""
	if cint(doc.get("is_return")):
		return
	lines = order_lines_of_receipt(doc)
	if not lines:
		return
	units = {
		unit.vin: unit
		for unit in frappe.get_all(
			"OEM Vehicle Order Unit",
			filters={"parent": ("in", list({order for order, _idx in lines.values()}))},
			fields=["vin", "parent", "line", "status", "purchase_receipt"],
		)
	}
	errors = []
	for row in doc.items:
		if row.name not in lines:
			continue
		order, idx = lines[row.name]
		for vin in row_vins(row):
			unit = units.get(vin)
			if not unit or unit.parent != order or cint(unit.line) != idx:
				errors.append(
					_("Row {0}: VIN {1} is not allocated to OEM order {2}, line {3}").format(
						row.idx, vin, order, idx
					)
				)
			elif unit.status == "Received" and unit.purchase_receipt != doc.name:
				errors.append(
					_("Row {0}: VIN {1} was already received on {2}").format(
						row.idx, vin, unit.purchase_receipt
					)
				)
	if errors:
		frappe.throw("<br>".join(errors), title=_("Vehicles not on the OEM order"))


def on_submit_receipt(doc, method=None):
	if not cint(doc.get("is_return")):
		update_units_from_receipt(doc, received=True)


def on_cancel_receipt(doc, method=None):
	if not cint(doc.get("is_return")):
		update_units_from_receipt(doc, received=False)


def update_units_from_receipt(doc, received: bool):
	lines = order_lines_of_receipt(doc)
	vins_by_order = defaultdict(set)
	for row in doc.items:
		if row.name in lines:
			vins_by_order[lines[row.name][0]].update(row_vins(row))
	for name, vins in vins_by_order.items():
		order = frappe.get_doc(DOCTYPE, name, for_update=True)
		for unit in order.units:
			if unit.vin not in vins:
				continue
			if received:
				unit.status, unit.purchase_receipt = "Received", doc.name
			elif unit.purchase_receipt == doc.name:
				unit.status = "Shipped" if unit.shipped_date else "VIN Assigned"
				unit.purchase_receipt = None
		save_progress(order)


# ---------------------------------------------------------------- landed cost


def make_landed_cost_voucher(purchase_receipt: str):
	"""A draft Landed Cost Voucher charging the order's freight per vehicle on a receipt."""
	receipt = frappe.get_doc("Purchase Receipt", purchase_receipt)
	if receipt.docstatus != 1:
		frappe.throw(_("Submit Purchase Receipt {0} before adding landed costs").format(receipt.name))
	lines = order_lines_of_receipt(receipt)
	orders = {order for order, _idx in lines.values()}
	vehicles = sum(cint(row.qty) for row in receipt.items if row.name in lines)
	freight = sum(flt(frappe.db.get_value(DOCTYPE, order, "freight_per_vehicle")) for order in orders)
	if len(orders) != 1 or not freight:
		frappe.throw(
			_("Receipt {0} is not from one OEM order with a freight per vehicle").format(receipt.name)
		)
	company = receipt.company
	account = frappe.get_cached_value("Company", company, "expenses_included_in_valuation")
	if not account:
		frappe.throw(
			_("Set the Expenses Included In Valuation account of company {0} to charge OEM freight").format(
				company
			)
		)
	voucher = frappe.new_doc("Landed Cost Voucher")
	voucher.company = company
	voucher.distribute_charges_based_on = "Qty"
	voucher.append(
		"purchase_receipts",
		{
			"receipt_document_type": "Purchase Receipt",
			"receipt_document": receipt.name,
			"supplier": receipt.supplier,
			"posting_date": receipt.posting_date,
			"grand_total": receipt.grand_total,
		},
	)
	voucher.get_items_from_purchase_receipts()
	voucher.append(
		"taxes",
		{"description": _("OEM freight"), "expense_account": account, "amount": freight * vehicles},
	)
	return voucher


def on_landed_cost_voucher(doc, method=None):
	"""Landed Cost Voucher submitted or cancelled: the receipts were revalued, so copy each
	vehicle's new unit cost from the stock ledger onto its record."""
	from dms_app.vehicles.stock_events import landed_cost, vins_of

	for receipt in doc.get("purchase_receipts") or []:
		if receipt.receipt_document_type != "Purchase Receipt":
			continue
		pr = frappe.get_doc("Purchase Receipt", receipt.receipt_document)
		for row, vin in vins_of(pr):
			if frappe.db.exists("Motor Vehicle", vin):
				frappe.db.set_value("Motor Vehicle", vin, "landed_cost", landed_cost(pr, row))
