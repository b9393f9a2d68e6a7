"""The portal's data: every query takes the customers of the session user and returns only what
belongs to them. Pages and whitelisted methods call these after `require_customers()`; they read
with the database's rights (website users have no role permission on dealer doctypes), so the
customer filter here *is* the access rule, and a record of someone else looks exactly like one that
does not exist (no existence leak through guessed names).
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

CLOSED_RO_STATUSES = ("Invoiced", "Closed", "Cancelled")
# The stages a customer sees; waiting states sit on "In Progress" with their own label.
STAGES = ("Open", "In Progress", "Completed", "Invoiced")
STAGE_OF_STATUS = {"Waiting Parts": "In Progress", "Waiting Approval": "In Progress", "Closed": "Invoiced"}
# Repair Order table -> (line doctype, kind shown to the customer, label field, quantity field)
LINE_TABLES = {
	"labour": ("Repair Order Labour", "Labour", "description", "flat_hours"),
	"parts": ("Repair Order Part", "Part", "item_name", "qty"),
	"sublets": ("Repair Order Sublet", "Sublet", "description", None),
}
VEHICLE_FIELDS = (
	"name",
	"make",
	"model",
	"trim",
	"model_year",
	"colour",
	"registration_plate",
	"odometer",
	"odometer_unit",
	"warranty_start_date",
	"delivery_date",
	"next_service_date",
	"next_service_odometer",
	"customer",
)
RO_FIELDS = ("name", "vehicle", "customer", "status", "opened_on", "promised_time", "sales_invoice")


def not_found(doctype: str, name: str):
	"""Unknown and someone else's look the same (404), so names can't be probed."""
	frappe.throw(_("{0} {1} was not found.").format(_(doctype), name), frappe.PageDoesNotExistError)


# ------------------------------------------------------------------ vehicles


def vehicles(customers: list[str]) -> list[dict]:
	if not customers:
		return []
	rows = frappe.get_all(
		"Motor Vehicle",
		filters={"customer": ("in", customers)},
		fields=VEHICLE_FIELDS,
		order_by="model asc, name asc",
	)
	for row in rows:
		add_vehicle_extras(row)
	return rows


def owned(doctype: str, name: str, customers: list[str], fields) -> dict:
	"""The record if one of `customers` owns it, else the same 404 as for a name that does not exist."""
	row = None
	if name and customers:
		row = frappe.db.get_value(
			doctype, {"name": name, "customer": ("in", customers)}, fields, as_dict=True
		)
	if not row:
		not_found(doctype, name)
	return row


def vehicle(vin: str, customers: list[str]) -> dict:
	vin = (vin or "").strip().upper()
	return add_vehicle_extras(owned("Motor Vehicle", vin, customers, VEHICLE_FIELDS))


def add_vehicle_extras(row: dict) -> dict:
	model = (row.model or "").removeprefix(f"{row.make} ") if row.model else row.make
	row.title = " ".join(str(p) for p in (row.model_year, row.make, model) if p) or row.name
	row.warranty = warranty_covers(row)
	return row


def warranty_covers(row: dict) -> list[dict]:
	"""Warranty covers still running today (the warranty area's policies), longest first."""
	from dms_app.warranty.policies import vehicle_covers

	if not row.warranty_start_date:
		return []
	covers = vehicle_covers(row.name, getdate(nowdate()), row.odometer or 0)
	return [frappe._dict(cover.to_dict()) for cover in covers]


# ------------------------------------------------------------------ repair orders


def repair_orders(customers: list[str], vin: str | None = None, open_only: bool = False) -> list[dict]:
	if not customers:
		return []
	filters = {"customer": ("in", customers)}
	if vin:
		filters["vehicle"] = vin
	if open_only:
		filters["status"] = ("not in", CLOSED_RO_STATUSES)
	rows = frappe.get_all("Repair Order", filters=filters, fields=RO_FIELDS, order_by="opened_on desc")
	for row in rows:
		row.date = getdate(row.opened_on) if row.opened_on else None
		row.is_open = row.status not in CLOSED_RO_STATUSES
		row.invoices = invoices_for(row, customers)
	return rows


def repair_order(name: str, customers: list[str]) -> dict:
	row = owned("Repair Order", name, customers, RO_FIELDS)
	row.lines = repair_order_lines(row.name)
	return row


def invoices_for(ro: dict, customers: list[str]) -> list[str]:
	"""Submitted invoices of the repair order (its link, and invoices pointing back at it after a
	cancel and re-invoice), only where the invoice's customer is the portal user's."""
	filters = {"customer": ("in", customers), "docstatus": 1}
	names = set()
	if ro.sales_invoice:
		names.update(
			frappe.get_all("Sales Invoice", filters={**filters, "name": ro.sales_invoice}, pluck="name")
		)
	names.update(frappe.get_all("Sales Invoice", filters={**filters, "repair_order": ro.name}, pluck="name"))
	return sorted(names)


def repair_order_lines(name: str) -> list[dict]:
	"""Labour, part and sublet lines of the order with their approval state."""
	lines = []
	for doctype, kind, label_field, qty_field in LINE_TABLES.values():
		fields = ["name", label_field, "amount", "pay_type", "approval_status", "approved_by", "approved_on"]
		if doctype == "Repair Order Part":
			fields.append("item_code")
		if qty_field:
			fields.append(qty_field)
		for line in frappe.get_all(
			doctype, filters={"parent": name, "parenttype": "Repair Order"}, fields=fields, order_by="idx"
		):
			line.update(
				doctype=doctype,
				kind=kind,
				label=line.get(label_field) or line.get("item_code") or line.name,
				qty=line.get(qty_field) if qty_field else None,
			)
			lines.append(line)
	return lines


def proposed_lines(lines: list[dict]) -> list[dict]:
	return [line for line in lines if line.approval_status == "Proposed"]


# ------------------------------------------------------------------ live status


def stage_index(status: str | None) -> int:
	stage = STAGE_OF_STATUS.get(status, status)
	return STAGES.index(stage) if stage in STAGES else 0


def open_orders_with_lines(customers: list[str]) -> list[dict]:
	"""The customer's open repair orders, each with its lines and stage (the repair-status page)."""
	orders = repair_orders(customers, open_only=True)
	for ro in orders:
		ro.lines = repair_order_lines(ro.name)
		ro.proposed = proposed_lines(ro.lines)
		ro.stage = stage_index(ro.status)
	return orders


def status_payload(customers: list[str]) -> dict:
	"""What the page polls: per order the status, promised time and each line's approval state."""
	orders = [
		{
			"name": ro.name,
			"status": ro.status,
			"status_label": _(ro.status or ""),
			"stage": ro.stage,
			"promised_time": str(ro.promised_time) if ro.promised_time else None,
			"promised_label": format_datetime(ro.promised_time),
			"lines": {line.name: line.approval_status for line in ro.lines},
		}
		for ro in open_orders_with_lines(customers)
	]
	return {"orders": orders, "as_of": format_datetime(now_datetime())}


def format_datetime(value) -> str | None:
	return frappe.format(value, {"fieldtype": "Datetime"}) if value else None


# ------------------------------------------------------------------ appointments


def appointments(customers: list[str]) -> list[dict]:
	"""The customer's appointments from today on, soonest first."""
	if not customers:
		return []
	return frappe.get_all(
		"Service Appointment",
		filters={"customer": ("in", customers), "appointment_date": (">=", nowdate())},
		fields=["name", "vehicle", "status", "appointment_date", "start_time", "estimated_hours"],
		order_by="appointment_date asc, start_time asc",
	)
