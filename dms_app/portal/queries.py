"""The portal's data: every query takes the customers of the session user and returns only what
belongs to them. Pages and whitelisted methods call these after `require_customers()`; they read
with the database's rights (website users have no role permission on dealer doctypes), so the
customer filter here *is* the access rule, and a record of someone else looks exactly like one that
does not exist (no existence leak through guessed names).
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime, nowdate, to_timedelta

from dms_app.service.repair_orders import WORKING

# milestones (the code's, never renamed) of orders no longer in the workshop; a cancelled order is
# replaced by its amendment and not shown at all
CLOSED_RO_STATUSES = ("Invoiced", "Closed", "Voided")
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
	"status",
	"sales_invoice",
)
# A sale starts the manufacturer's warranty even before the handover is recorded.
SOLD_STATUSES = ("Sold", "Delivered", "In Service")
# A customer may take back a decision made on the portal for this long, while the work has not started.
UNDO_MINUTES = 10
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
	row.title = vehicle_title(row)
	# what the customer recognises: "2024 BYD Atto 3 · NW-7715" (the VIN is secondary)
	row.label = " · ".join(p for p in (row.title, row.registration_plate) if p)
	row.warranty = warranty_covers(row)
	return row


def vehicle_title(row: dict) -> str:
	"""Year, make and model: "2024 BYD Atto 3" (models are stored as "BYD Atto 3")."""
	model = (row.model or "").removeprefix(f"{row.make} ") if row.model else row.make
	return " ".join(str(p) for p in (row.model_year, row.make, model) if p) or row.name


def vehicle_labels(customers: list[str]) -> dict[str, str]:
	"""VIN -> "2024 BYD Atto 3 · NW-7715" for the customers' vehicles."""
	rows = frappe.get_all(
		"Motor Vehicle",
		filters={"customer": ("in", customers or [""])},
		fields=["name", "make", "model", "model_year", "registration_plate"],
	)
	return {
		row.name: " · ".join(p for p in (vehicle_title(row), row.registration_plate) if p) for row in rows
	}


def warranty_start(row: dict):
	"""When the manufacturer's warranty started: the recorded start (the retail delivery), else the
	delivery date, else the date of the sale for a car sold but not yet handed over."""
	start = row.warranty_start_date or row.delivery_date
	if not start and row.sales_invoice and row.status in SOLD_STATUSES:
		start = frappe.db.get_value(
			"Sales Invoice", {"name": row.sales_invoice, "docstatus": 1}, "posting_date"
		)
	return getdate(start) if start else None


def warranty_covers(row: dict) -> list[dict]:
	"""Warranty covers still running today (the warranty area's policies and rules), longest first."""
	from dms_app.warranty.coverage import covering_policies, to_km
	from dms_app.warranty.policies import site_policies

	start = warranty_start(row)
	if not start or not row.make:
		return []
	odometer_km = to_km(float(row.odometer or 0), row.odometer_unit)
	covers = covering_policies(
		site_policies(row.make), row.make, row.model, start, getdate(nowdate()), odometer_km
	)
	return [frappe._dict(cover.to_dict()) for cover in covers]


# ------------------------------------------------------------------ repair orders


def repair_orders(customers: list[str], vin: str | None = None, open_only: bool = False) -> list[dict]:
	if not customers:
		return []
	filters = {"customer": ("in", customers), "docstatus": ("<", 2)}
	if vin:
		filters["vehicle"] = vin
	if open_only:
		filters["status"] = ("not in", CLOSED_RO_STATUSES)
	rows = frappe.get_all("Repair Order", filters=filters, fields=RO_FIELDS, order_by="opened_on desc")
	labels = vehicle_labels(customers) if rows else {}
	for row in rows:
		row.vehicle_label = labels.get(row.vehicle) or row.vehicle
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
		fields = [
			"name",
			label_field,
			"amount",
			"pay_type",
			"approval_status",
			"approved_by",
			"approved_on",
			"decided_via",
		]
		if doctype == "Repair Order Labour":
			fields.append("actual_hours")
		if doctype == "Repair Order Part":
			fields.append("issued_qty")
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


# ------------------------------------------------------------------ taking a decision back


def undo_deadline(line: dict):
	return add_to_date(get_datetime(line.approved_on), minutes=UNDO_MINUTES) if line.approved_on else None


def undo_refusal(line: dict, order_status: str | None, user: str) -> str | None:
	"""Why `user` may not take back the decision on `line`, or None when they may: only their own
	decision made on the portal, within UNDO_MINUTES, on an order still being worked on, and
	before the work started (no time clocked on a labour line, no part issued)."""
	if line.approval_status not in ("Approved", "Declined"):
		return _("This line has no decision to take back.")
	if line.decided_via != "Portal" or line.approved_by != user:
		return _("Only your own decision made here can be taken back; please call the workshop.")
	if order_status not in WORKING:
		return _("The repair order is {0}: decisions are closed.").format(_(order_status or ""))
	if now_datetime() > undo_deadline(line):
		return _("Decisions can be changed for {0} minutes; please call the workshop.").format(UNDO_MINUTES)
	if work_started(line):
		return _("The work has started; please call the workshop.")
	return None


def work_started(line: dict) -> bool:
	if line.doctype == "Repair Order Labour":
		return bool(line.actual_hours) or frappe.db.exists("Technician Time Log", {"labour_row": line.name})
	if line.doctype == "Repair Order Part":
		return bool(line.issued_qty)
	return False


def mark_undoable(lines: list[dict], order_status: str | None, user: str) -> list[dict]:
	for line in lines:
		line.can_undo = line.approval_status != "Proposed" and not undo_refusal(line, order_status, user)
		line.undo_until = format_time(undo_deadline(line)) if line.can_undo else None
	return lines


# ------------------------------------------------------------------ live status


def stage_index(status: str | None) -> int:
	stage = STAGE_OF_STATUS.get(status, status)
	return STAGES.index(stage) if stage in STAGES else 0


def open_orders_with_lines(customers: list[str]) -> list[dict]:
	"""The customer's open repair orders, each with its lines and stage (the repair-status page)."""
	orders = repair_orders(customers, open_only=True)
	for ro in orders:
		ro.lines = mark_undoable(repair_order_lines(ro.name), ro.status, frappe.session.user)
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
			"undoable": [line.name for line in ro.lines if line.can_undo],
		}
		for ro in open_orders_with_lines(customers)
	]
	return {"orders": orders, "as_of": format_datetime(now_datetime())}


def format_datetime(value) -> str | None:
	return frappe.format(value, {"fieldtype": "Datetime"}) if value else None


def format_time(value) -> str | None:
	"""A time of day as HH:MM (24-hour, as the workshop's slots are shown in both languages):
	"08:30" for 8:30:00, a timedelta, a time or a datetime."""
	if value in (None, ""):
		return None
	if hasattr(value, "hour"):
		return f"{value.hour:02d}:{value.minute:02d}"
	seconds = (
		int(to_timedelta(value).total_seconds()) if isinstance(value, str) else int(value.total_seconds())
	)
	return f"{seconds // 3600 % 24:02d}:{seconds % 3600 // 60:02d}"


# ------------------------------------------------------------------ appointments


def appointments(customers: list[str]) -> list[dict]:
	"""The customer's appointments from today on, soonest first."""
	if not customers:
		return []
	rows = frappe.get_all(
		"Service Appointment",
		filters={"customer": ("in", customers), "appointment_date": (">=", nowdate())},
		fields=["name", "vehicle", "status", "appointment_date", "start_time"],
		order_by="appointment_date asc, start_time asc",
	)
	labels = vehicle_labels(customers) if rows else {}
	for row in rows:
		add_appointment_labels(row, labels)
	return rows


def appointment(name: str, customers: list[str]) -> dict:
	"""One of the customers' appointments (any date), with its labels; else 404."""
	row = owned(
		"Service Appointment",
		name,
		customers,
		["name", "vehicle", "status", "appointment_date", "start_time"],
	)
	return add_appointment_labels(row, vehicle_labels(customers))


def add_appointment_labels(row: dict, labels: dict[str, str]) -> dict:
	row.vehicle_label = labels.get(row.vehicle) or row.vehicle
	row.date_label = frappe.format(row.appointment_date, {"fieldtype": "Date"})
	row.time_label = format_time(row.start_time)
	row.label = " ".join(p for p in (row.date_label, row.time_label) if p)
	return row
