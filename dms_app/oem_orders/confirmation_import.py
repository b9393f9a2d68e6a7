"""OEM confirmation files: parsing and checking (no database access).

A file (CSV or XLSX, first sheet) has one row per confirmation, allocation or shipment notice.
Columns (header names ignore case, blanks and punctuation; English aliases in brackets, Chinese ones
in `confirmation_columns.py` and docs/imports.md; other columns are ignored):

- ``oem_order_no`` [order, order_no]: the OEM's order number or the dealer's OEM Vehicle Order name
- ``line`` [line_no, order_line, line_ref]: the line number on that order (1, 2, …)
- ``qty_confirmed`` [confirmed_qty]: how many the OEM confirms on the line (rows without a VIN)
- ``vin``: a VIN the OEM allocated to the line (assigning a VIN also confirms it)
- ``eta`` [eta_date]: expected arrival date at the dealer
- ``shipment_no`` [shipment]: the OEM's shipment / transport number
- ``shipped_date`` [ship_date, shipped_on]: the day it left the OEM (the vehicle is then in transit)
- ``invoice_price`` [price]: the OEM's invoice price for that VIN (the purchase price on receipt)

Dates are YYYY-MM-DD, DD.MM.YYYY or spreadsheet dates. `plan` checks every row against the orders
as they stand and as earlier rows change them: rows that don't fit are returned with their row
number and reason, the others as changes to apply together.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from dms_app.imports import files
from dms_app.imports.columns import header_map
from dms_app.imports.files import ImportFileError
from dms_app.oem_orders.confirmation_columns import COLUMNS as CONFIRMATION_COLUMNS
from dms_app.translation import _

COLUMNS = CONFIRMATION_COLUMNS.fields
DATE_FIELDS = ("eta", "shipped_date")


FileError = ImportFileError  # the file as a whole can't be read (format, encoding, missing columns)


@dataclass
class Row:
	row_no: int  # as the user sees it in the file: the header is row 1
	values: dict


@dataclass
class LineState:
	"""One order line as the database has it: what the file is checked against."""

	order: str
	line: int
	qty: int
	qty_confirmed: int = 0
	vins: dict = field(default_factory=dict)  # VIN -> unit status on this line


@dataclass
class Change:
	row_no: int
	order: str
	line: int
	qty_confirmed: int | None = None
	vin: str | None = None
	new_vin: bool = False
	eta: date | None = None
	shipment_no: str | None = None
	shipped_date: date | None = None
	invoice_price: float | None = None


@dataclass
class Plan:
	changes: list[Change] = field(default_factory=list)
	errors: list[tuple[int, str]] = field(default_factory=list)


def to_csv(rows: list[dict]) -> str:
	"""A confirmation file from row dicts (tests, demo, a template for the OEM)."""
	out = io.StringIO()
	writer = csv.DictWriter(
		out, fieldnames=list(dict.fromkeys(k for row in rows for k in row)), lineterminator="\n"
	)
	writer.writeheader()
	writer.writerows(rows)
	return out.getvalue()


def header_key(name) -> str:
	"""The field a header names (English or Chinese alias), or the header itself as typed."""
	return CONFIRMATION_COLUMNS.field_of(name) or str(name or "").strip()


def read_rows(content: bytes | str, filename: str, max_rows: int = files.MAX_ROWS) -> list[Row]:
	"""Rows of a CSV / TXT (any encoding the shared reader detects) or XLSX file as dicts keyed by
	field; columns the import doesn't know are ignored, blank rows skipped."""
	if isinstance(content, str):
		content = content.encode("utf-8")
	table = files.read_table(filename, content, max_rows=max_rows)
	mapping = header_map(table[0], CONFIRMATION_COLUMNS, unknown="ignore")
	header = set(mapping.values())
	missing = [c for c in ("oem_order_no", "line") if c not in header]
	if missing:
		raise FileError(_("missing column(s): {columns}", columns=", ".join(missing)))
	if "vin" not in header and "qty_confirmed" not in header:
		raise FileError(_("the file needs a vin or a qty_confirmed column"))
	rows = []
	for number, cells in enumerate(table[1:], start=2):
		values = {key: (cells[pos] if pos < len(cells) else "") for pos, key in mapping.items()}
		if any(v not in (None, "") for v in values.values()):
			rows.append(Row(number, values))
	return rows


def parse_date(value) -> date | None:
	if value in (None, ""):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = str(value).strip()
	for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
		try:
			return datetime.strptime(text, fmt).date()
		except ValueError:
			continue
	raise ValueError(text)


def parse_int(value) -> int | None:
	if value in (None, ""):
		return None
	number = float(str(value).strip())
	if number != int(number):
		raise ValueError(value)
	return int(number)


def plan(
	rows: list[Row],
	lines: dict[tuple[str, int], LineState],
	order_keys: dict[str, str],
	known_vins: dict[str, str],
	check_vin,
) -> Plan:
	"""Check rows in file order against working copies of the lines.

	order_keys maps an order name or OEM order number to the order name; known_vins maps a VIN that
	already exists elsewhere (a vehicle record, or another order line) to where it is; check_vin(vin)
	returns a list of reasons a VIN is invalid (empty when valid).
	"""
	result = Plan()
	work = {key: LineState(s.order, s.line, s.qty, s.qty_confirmed, dict(s.vins)) for key, s in lines.items()}
	first_row_of_vin: dict[str, int] = {}
	for row in rows:
		error, change = _check_row(row, work, order_keys, known_vins, check_vin, first_row_of_vin)
		if error:
			result.errors.append((row.row_no, error))
			continue
		state = work[(change.order, change.line)]
		if change.qty_confirmed is not None:
			state.qty_confirmed = change.qty_confirmed
		if change.vin:
			if change.new_vin:
				state.vins[change.vin] = "VIN Assigned"
				first_row_of_vin[change.vin] = row.row_no
			if change.shipped_date:
				state.vins[change.vin] = "Shipped"
			state.qty_confirmed = max(state.qty_confirmed, len(state.vins))
		result.changes.append(change)
	return result


def _check_row(row, work, order_keys, known_vins, check_vin, first_row_of_vin):
	v = row.values
	order_ref = str(v.get("oem_order_no") or "").strip()
	if not order_ref:
		return _("oem_order_no is empty"), None
	order = order_keys.get(order_ref) or order_keys.get(order_ref.upper())
	if not order:
		return _("order {order_ref} is not a submitted OEM order", order_ref=order_ref), None
	try:
		line = parse_int(v.get("line"))
	except ValueError:
		return _("line '{value}' is not a whole number", value=v.get("line")), None
	if line is None:
		return _("line is empty"), None
	state = work.get((order, line))
	if not state:
		return _("order {order_ref} has no line {line}", order_ref=order_ref, line=line), None
	change = Change(row.row_no, order, line)
	for name in DATE_FIELDS:
		try:
			setattr(change, name, parse_date(v.get(name)))
		except ValueError:
			return _("{name} '{value}' is not a date (use YYYY-MM-DD)", name=name, value=v.get(name)), None
	try:
		change.qty_confirmed = parse_int(v.get("qty_confirmed"))
	except ValueError:
		return _("qty_confirmed '{value}' is not a whole number", value=v.get("qty_confirmed")), None
	price = v.get("invoice_price")
	if price not in (None, ""):
		try:
			change.invoice_price = float(str(price).replace(",", ""))
		except ValueError:
			return _("invoice_price '{price}' is not a number", price=price), None
		if change.invoice_price < 0:
			return _("invoice_price is negative"), None
	change.shipment_no = str(v.get("shipment_no") or "").strip() or None
	if change.qty_confirmed is not None:
		if change.qty_confirmed < 0:
			return _("qty_confirmed is negative"), None
		if change.qty_confirmed > state.qty:
			return _(
				"confirms {confirmed} but line {line} ordered only {ordered}",
				confirmed=change.qty_confirmed,
				line=line,
				ordered=state.qty,
			), None
		if change.qty_confirmed < len(state.vins):
			return (
				_(
					"confirms {confirmed} but line {line} already has {vins} VIN(s)",
					confirmed=change.qty_confirmed,
					line=line,
					vins=len(state.vins),
				),
				None,
			)
	vin = str(v.get("vin") or "").strip().upper()
	if not vin:
		if change.qty_confirmed is None:
			return _("give a qty_confirmed or a vin"), None
		if change.shipped_date or change.eta or change.shipment_no or change.invoice_price is not None:
			return _("eta, shipment and price belong to a VIN: the vin is empty"), None
		return None, change
	change.vin = vin
	reasons = check_vin(vin)
	if reasons:
		return _("VIN {vin} is invalid: {reasons}", vin=vin, reasons="; ".join(reasons)), None
	if vin in first_row_of_vin:
		return _("VIN {vin} already appears in row {row}", vin=vin, row=first_row_of_vin[vin]), None
	status = state.vins.get(vin)
	if status is None:
		if vin in known_vins:
			return _("VIN {vin} already exists ({where})", vin=vin, where=known_vins[vin]), None
		if len(state.vins) + 1 > state.qty:
			return _(
				"line {line} ordered {ordered} vehicle(s) and already has {vins} VIN(s)",
				line=line,
				ordered=state.qty,
				vins=len(state.vins),
			), None
		if change.qty_confirmed is not None and change.qty_confirmed < len(state.vins) + 1:
			return _(
				"confirms {confirmed} but would have {vins} VIN(s)",
				confirmed=change.qty_confirmed,
				vins=len(state.vins) + 1,
			), None
		change.new_vin = True
	elif status == "Received":
		return _("VIN {vin} is already received", vin=vin), None
	if change.shipped_date and change.eta and change.eta < change.shipped_date:
		return _("eta is before shipped_date"), None
	return None, change
