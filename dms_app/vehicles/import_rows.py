"""Reading and checking a vehicle import file (CSV or XLSX) without touching the database.

Columns (header row, any order, case, blanks and punctuation ignored; only `vin` is required; the
English and Chinese aliases of each are in `import_columns.py` and docs/imports.md):

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

from collections.abc import Callable
from dataclasses import dataclass, field

from dms_app.imports import files
from dms_app.imports.columns import header_map as _header_map
from dms_app.imports.files import ImportFileError
from dms_app.translation import _
from dms_app.vehicles.import_columns import COLUMNS

MAX_ROWS = 20_000

__all__ = ("COLUMNS", "ImportFileError", "ParsedRow", "header_map", "parse", "read_table")


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
	"""Rows of cell texts from a CSV / TXT (any encoding the shared reader detects) or XLSX file."""
	return files.read_table(filename, content, max_rows=MAX_ROWS)


def header_map(header: list[str]) -> dict[int, str]:
	"""Column position → field; unknown or repeated columns and a missing VIN column are file errors."""
	return _header_map(header, COLUMNS)


def parse(table: list[list[str]], decode: Callable) -> list[ParsedRow]:
	"""Check every data row: VIN decodes, appears once in the file, numbers are numbers."""
	if not table:
		raise ImportFileError(_("The file is empty"))
	mapping = header_map(table[0])
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
