"""Parts orders as ERPNext Purchase Orders: stock orders from reorder suggestions, urgent (VOR)
orders for a vehicle waiting in the workshop, and OEM part supersession followed on every order
and sale."""

from collections import OrderedDict

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, getdate, nowdate

from dms_app.oem_orders.supersession import SupersessionLoop, chain_of

URGENT = "Urgent (VOR)"


# ---------------------------------------------------------------- supersession


def superseded_by(item_code: str) -> str | None:
	return frappe.db.get_value("Item", item_code, "superseded_by") or None


def supersession_chain(item_code: str) -> list[str]:
	try:
		return chain_of(item_code, superseded_by)
	except SupersessionLoop as loop:
		frappe.throw(
			_("Part supersession loops: {0}. Correct the Superseded By of one of these parts.").format(
				" → ".join(loop.chain)
			),
			title=_("Supersession loop"),
		)


def validate_item(doc, method=None):
	"""Item: a part can't supersede itself or start a loop through its replacements."""
	if not doc.get("superseded_by"):
		return
	if doc.superseded_by == doc.name:
		frappe.throw(_("Part {0} cannot supersede itself").format(doc.name), title=_("Supersession loop"))
	try:
		chain_of(doc.name, lambda code: doc.superseded_by if code == doc.name else superseded_by(code))
	except SupersessionLoop as loop:
		frappe.throw(
			_("Part {0} cannot be superseded by {1}: the chain comes back ({2})").format(
				doc.name, doc.superseded_by, " → ".join(loop.chain)
			),
			title=_("Supersession loop"),
		)
	if not doc.get("supersession_date"):
		doc.supersession_date = nowdate()


def replace_row_item(row, current: str):
	item = frappe.get_cached_value(
		"Item", current, ["item_name", "description", "stock_uom", "disabled"], as_dict=True
	)
	if item.disabled:
		frappe.throw(_("Row {0}: the current part {1} is disabled").format(row.idx, current))
	row.item_code = current
	row.item_name = item.item_name
	row.description = item.description
	row.uom = row.stock_uom = item.stock_uom
	row.conversion_factor = 1


def follow_supersession_on_purchase(doc, method=None):
	"""Purchase Order (before_validate): a superseded part is ordered as its current part."""
	for row in doc.get("items") or []:
		if not row.item_code:
			continue
		chain = supersession_chain(row.item_code)
		if len(chain) == 1:
			continue
		replace_row_item(row, chain[-1])
		message = _("Row {0}: part {1} is superseded ({2}); ordering {3} instead").format(
			row.idx, chain[0], " → ".join(chain), chain[-1]
		)
		if row.get("material_request_item"):
			# ERPNext keeps a request line and its order line on one item: the request stays open
			message += " " + _("(Material Request {0} stays open for {1})").format(
				row.material_request, chain[0]
			)
			row.material_request = row.material_request_item = None
		frappe.msgprint(message, title=_("Part superseded"), indicator="orange")


def follow_supersession_on_sale(doc, method=None):
	"""Sales Order / Sales Invoice (before_validate): stock of a superseded part is sold first (with
	a warning); once it is gone, the row is switched to the current part."""
	if doc.docstatus != 0:
		return
	for row in doc.get("items") or []:
		if not row.item_code or row.get("vin") or row.get("so_detail") or row.get("dn_detail"):
			continue  # vehicles, and rows that follow their Sales Order or Delivery Note
		chain = supersession_chain(row.item_code)
		if len(chain) == 1:
			continue
		in_stock = row.get("warehouse") and flt(
			frappe.db.get_value("Bin", {"item_code": row.item_code, "warehouse": row.warehouse}, "actual_qty")
		)
		if in_stock and in_stock >= flt(row.get("stock_qty") or row.qty):
			frappe.msgprint(
				_("Row {0}: part {1} is superseded by {2}; selling the remaining stock of {1}").format(
					row.idx, chain[0], chain[-1]
				),
				title=_("Part superseded"),
				indicator="orange",
			)
			continue
		replace_row_item(row, chain[-1])
		frappe.msgprint(
			_("Row {0}: part {1} is superseded ({2}) and out of stock; selling {3} instead").format(
				row.idx, chain[0], " → ".join(chain), chain[-1]
			),
			title=_("Part superseded"),
			indicator="orange",
		)


# ---------------------------------------------------------------- parts orders


def validate_purchase_order(doc, method=None):
	if doc.get("parts_order_type") != URGENT:
		return
	if frappe.get_meta("Purchase Order").has_field("repair_order") and not doc.get("repair_order"):
		frappe.throw(
			_("An urgent (VOR) parts order needs the repair order of the vehicle waiting for the parts"),
			title=_("Repair order missing"),
		)


def make_parts_order(
	supplier: str,
	items: list[dict],
	order_type: str = "Stock",
	repair_order: str | None = None,
	company: str | None = None,
	warehouse: str | None = None,
	schedule_date=None,
):
	"""A draft Purchase Order for parts: items are {item_code, qty[, rate, material_request,
	material_request_item]}; quantities of one part are added up (after following supersession)."""
	if order_type not in ("Stock", URGENT):
		frappe.throw(_("Parts order type must be Stock or {0}").format(URGENT))
	settings = frappe.get_cached_doc("DMS Settings")
	company = company or settings.company
	warehouse = warehouse or settings.parts_warehouse
	schedule_date = getdate(schedule_date or add_days(nowdate(), 1 if order_type == URGENT else 7))
	rows = OrderedDict()
	for number, entry in enumerate(items, start=1):
		entry = frappe._dict(entry)
		if not entry.item_code or flt(entry.qty) <= 0:
			frappe.throw(
				_("Part {0} ({1}): give an item code and a quantity above zero").format(
					number, entry.item_code or _("no item code")
				)
			)
		if not frappe.db.exists("Item", entry.item_code):
			frappe.throw(_("Part {0} does not exist").format(entry.item_code))
		code = supersession_chain(entry.item_code)[-1]
		if code != entry.item_code and entry.material_request_item:
			frappe.msgprint(
				_(
					"Part {0} is superseded by {1}: ordering {1}; Material Request {2} stays open for {0}"
				).format(entry.item_code, code, entry.material_request),
				title=_("Part superseded"),
				indicator="orange",
			)
			entry.material_request = entry.material_request_item = None
		key = (code, entry.material_request_item)
		if key in rows:
			rows[key]["qty"] += flt(entry.qty)
			continue
		rows[key] = {
			"item_code": code,
			"qty": flt(entry.qty),
			"schedule_date": schedule_date,
			"warehouse": warehouse,
			**({"rate": flt(entry.rate)} if entry.rate else {}),
			**(
				{
					"material_request": entry.material_request,
					"material_request_item": entry.material_request_item,
				}
				if entry.material_request_item
				else {}
			),
		}
	if not rows:
		frappe.throw(_("Add at least one part to order"))
	order = frappe.get_doc(
		{
			"doctype": "Purchase Order",
			"supplier": supplier,
			"company": company,
			"transaction_date": nowdate(),
			"schedule_date": schedule_date,
			"set_warehouse": warehouse,
			"parts_order_type": order_type,
			"items": list(rows.values()),
		}
	)
	if repair_order:
		order.set("repair_order", repair_order)
	order.run_method("set_missing_values")
	return order


def material_request_items(material_requests: list[str]) -> list[dict]:
	"""The quantities still to order on submitted purchase Material Requests (ERPNext's reorder
	suggestions land there), with their links so the requests show as ordered."""
	items = []
	for name in material_requests:
		request = frappe.get_doc("Material Request", name)
		request.check_permission("read")
		if request.docstatus != 1 or request.material_request_type != "Purchase":
			frappe.throw(_("Material Request {0} is not a submitted purchase request").format(name))
		for row in request.items:
			pending = flt(row.stock_qty) - flt(row.ordered_qty)
			if pending > 0:
				items.append(
					{
						"item_code": row.item_code,
						"qty": pending / flt(row.conversion_factor or 1),
						"material_request": name,
						"material_request_item": row.name,
					}
				)
	return items


def back_orders(filters: dict | None = None) -> list[dict]:
	"""Purchase Order lines not fully received after their schedule date."""
	filters = frappe._dict(filters or {})
	today = getdate(filters.get("as_of") or nowdate())
	po = frappe.qb.DocType("Purchase Order")
	item = frappe.qb.DocType("Purchase Order Item")
	query = (
		frappe.qb.from_(item)
		.join(po)
		.on(po.name == item.parent)
		.select(
			po.name.as_("purchase_order"),
			po.supplier,
			po.transaction_date,
			po.parts_order_type,
			item.item_code,
			item.item_name,
			item.qty,
			item.received_qty,
			(item.qty - item.received_qty).as_("pending_qty"),
			item.schedule_date,
			item.warehouse,
		)
		.where(po.docstatus == 1)
		.where(po.status.notin(("Closed", "On Hold", "Completed")))
		.where(item.received_qty < item.qty)
		.where(item.schedule_date < today)
		.orderby(item.schedule_date)
	)
	if frappe.get_meta("Purchase Order").has_field("repair_order"):
		query = query.select(po.repair_order)
	for field in ("company", "supplier", "parts_order_type"):
		if filters.get(field):
			query = query.where(po[field] == filters[field])
	if cint(filters.get("parts_only")):
		query = query.where(po.oem_vehicle_order.isnull() | (po.oem_vehicle_order == ""))
	rows = query.run(as_dict=True)
	for row in rows:
		row.days_overdue = (today - getdate(row.schedule_date)).days
	return rows
