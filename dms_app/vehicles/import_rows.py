"""Reading and checking a vehicle import file (CSV or XLSX) without touching the database.

Columns (header row, any order, case and blanks ignored; only `vin` is required):

| column | meaning |
|---|---|
| vin | the 17-character VIN (lower case and surrounding blanks tolerated) |
| trim | a Vehicle Trim name, e.g. "Toyota Corolla LE" (gives make, model, Item, list price) |
| colour, interior_colour | exterior and interior colour |
| registration_plate | the licence plate |
| odometer, odometer_unit | a whole, non-negative reading; unit km or mi |
| customer | the owning Customer (customer vehicles) |
| list_price | a number |
| certificate_no | certificate of conformity number |

Every fault of a row is reported with its spreadsheet row number (the header is row 1); the caller
writes only rows without faults. Checks that need the database (VIN already on file, trim or
customer unknown) are the caller's.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from dms_app.translation import _

COLUMNS = (
	"vin",
	"trim",
	"colour",
	"interior_colour",
	"registration_plate",
	"odometer",
	"odometer_unit",
	"customer",
	"list_price",
	"certificate_no",
)
ALIASES = {"color": "colour", "interior_color": "interior_colour", "plate": "registration_plate"}
MAX_ROWS = 20_000


class ImportFileError(ValueError):
	"""The file as a whole can't be read: wrong type, no header, no VIN column, too many rows."""


@dataclass
class ParsedRow:
	row_no: int
	values: dict
	errors: list[str] = field(default_factory=list)
	warnings: list[str] = field(default_factory=list)  # e.g. a wrong check digit: imported, but reported
	decoded: object = None  # the VinInfo

	@property
	def valid(self) -> bool:
		return not self.errors


def read_table(filename: str, content: bytes) -> list[list[str]]:
	"""Rows of cell texts from a CSV (UTF-8, BOM tolerated, comma or semicolon) or XLSX file."""
	name = (filename or "").lower()
	if name.endswith(".xlsx"):
		return _read_xlsx(content)
	if name.endswith(".csv"):
		try:
			text = content.decode("utf-8-sig")
		except UnicodeDecodeError as error:
			raise ImportFileError(_("The CSV file is not UTF-8 text")) from error
		header = text.split("\n", 1)[0]
		delimiter = max(",;\t", key=header.count)
		return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
	raise ImportFileError(_("Upload a .csv or .xlsx file, not {name}", name=filename or "?"))


def _read_xlsx(content: bytes) -> list[list[str]]:
	from openpyxl import load_workbook

	try:
		sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
	except Exception as error:
		raise ImportFileError(_("The XLSX file can't be read: {error}", error=error)) from error
	return [
		["" if cell is None else _cell_text(cell) for cell in row]
		for row in sheet.iter_rows(values_only=True)
	]


def _cell_text(value) -> str:
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	return str(value).strip()


def header_map(header: list[str]) -> dict[int, str]:
	"""Column position → field; unknown or repeated columns and a missing VIN column are file errors."""
	mapping, unknown = {}, []
	for position, title in enumerate(header):
		key = "_".join(str(title).strip().lower().replace("-", " ").split())
		key = ALIASES.get(key, key)
		if not key:
			continue
		if key not in COLUMNS:
			unknown.append(str(title))
		elif key in mapping.values():
			raise ImportFileError(_("Column {column} appears twice", column=title))
		else:
			mapping[position] = key
	if unknown:
		raise ImportFileError(
			_(
				"Unknown columns: {columns}. Known columns: {known}",
				columns=", ".join(unknown),
				known=", ".join(COLUMNS),
			)
		)
	if "vin" not in mapping.values():
		raise ImportFileError(_("The file has no VIN column"))
	return mapping


def parse(table: list[list[str]], decode: Callable) -> list[ParsedRow]:
	"""Check every data row: VIN decodes, appears once in the file, numbers are numbers."""
	if not table:
		raise ImportFileError(_("The file is empty"))
	mapping = header_map(table[0])
	if len(table) - 1 > MAX_ROWS:
		raise ImportFileError(_("Import at most {count} rows at a time", count=f"{MAX_ROWS:,}"))
	rows, first_row_of = [], {}
	for row_no, cells in enumerate(table[1:], start=2):
		values = {key: (cells[pos] if pos < len(cells) else "").strip() for pos, key in mapping.items()}
		if not any(values.values()):
			continue  # blank lines are skipped, not reported
		row = ParsedRow(row_no, values)
		_check_vin(row, decode, first_row_of)
		_check_numbers(row)
		rows.append(row)
	return rows


def _check_vin(row: ParsedRow, decode: Callable, first_row_of: dict):
	if not row.values.get("vin"):
		row.errors.append(_("the VIN is missing"))
		return
	info = decode(row.values["vin"])
	row.decoded = info
	row.values["vin"] = info.vin
	row.errors.extend(info.errors)
	row.warnings.extend(info.warnings)
	if info.vin in first_row_of:
		row.errors.append(_("VIN {vin} is also on row {row}", vin=info.vin, row=first_row_of[info.vin]))
	else:
		first_row_of[info.vin] = row.row_no


def _check_numbers(row: ParsedRow):
	odometer = row.values.get("odometer")
	if odometer:
		text = odometer.replace(",", "").replace(" ", "")
		if not text.isdigit():
			row.errors.append(_("odometer {value} is not a whole number of at least 0", value=odometer))
		else:
			row.values["odometer"] = int(text)
	unit = row.values.get("odometer_unit")
	if unit and unit.lower() not in ("km", "mi"):
		row.errors.append(_("odometer unit {value} is not km or mi", value=unit))
	elif unit:
		row.values["odometer_unit"] = unit.lower()
	price = row.values.get("list_price")
	if price:
		try:
			row.values["list_price"] = float(price.replace(",", ""))
			if row.values["list_price"] < 0:
				raise ValueError
		except ValueError:
			row.errors.append(_("list price {value} is not a number of at least 0", value=price))
