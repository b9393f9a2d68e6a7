"""The export zip, written without Frappe (unit-tested in `tests/unit/test_data_export_archive.py`).

Each table is streamed into `<table>.csv` (UTF-8 with BOM, which Excel opens as such; the header
row is the field names) and `<table>.json` (a list of objects), one row at a time: the CSV goes
straight into the zip, the JSON through a temporary file beside it (a zip takes one entry at a
time), so memory stays flat however many rows a table has. `close()` adds `schema.json` and a
readable `SCHEMA.md`: per table its DocType, natural key, row count and columns (type, English and
Chinese label).
"""

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

FORMAT_VERSION = 1


@dataclass
class Column:
	fieldname: str
	fieldtype: str
	label: str
	label_zh: str = ""
	options: str = ""


@dataclass
class TableSchema:
	table: str
	doctype: str
	natural_key: list[str]
	columns: list[Column]
	parent_table: str | None = None
	rows: int = 0
	extra: dict = field(default_factory=dict)


def json_value(value):
	"""A database value as JSON: numbers stay numbers, dates and times become ISO-like text."""
	if value is None or isinstance(value, bool | int | float | str):
		return value
	if isinstance(value, Decimal):
		return float(value)
	if isinstance(value, datetime):
		return value.isoformat(sep=" ")
	if isinstance(value, date | time | timedelta):
		return str(value)
	if isinstance(value, bytes):
		return value.decode("utf-8", "replace")
	return str(value)


def csv_value(value) -> str:
	value = json_value(value)
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value)


class ExportArchive:
	"""with ExportArchive(path_or_file) as archive: archive.write_table(schema, rows)..."""

	def __init__(self, target, meta: dict | None = None):
		self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
		self.tables: list[TableSchema] = []
		self.meta = meta or {}

	def __enter__(self):
		return self

	def __exit__(self, kind, error, trace):
		if kind is None:
			self.close()
		else:
			self.zip.close()

	def write_table(self, schema: TableSchema, rows: Iterable[Sequence]) -> int:
		"""Write the rows (sequences in the order of `schema.columns`) as CSV and JSON; returns the count."""
		names = [column.fieldname for column in schema.columns]
		count = 0
		with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
			spool.write("[")
			with self.zip.open(f"{schema.table}.csv", "w", force_zip64=True) as raw:
				text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
				writer = csv.writer(text)
				writer.writerow(names)
				for row in rows:
					writer.writerow([csv_value(value) for value in row])
					record = {name: json_value(value) for name, value in zip(names, row, strict=True)}
					spool.write(("\n" if not count else ",\n") + json.dumps(record, ensure_ascii=False))
					count += 1
				text.flush()
				text.detach()
			spool.write("\n]\n")
			spool.seek(0)
			with self.zip.open(f"{schema.table}.json", "w", force_zip64=True) as raw:
				with io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
					shutil.copyfileobj(spool, text, 1 << 16)
		schema.rows = count
		self.tables.append(schema)
		return count

	def close(self):
		document = {"format_version": FORMAT_VERSION, **self.meta, "tables": [asdict(t) for t in self.tables]}
		self.zip.writestr("schema.json", json.dumps(document, ensure_ascii=False, indent=1))
		self.zip.writestr("SCHEMA.md", schema_markdown(document))
		self.zip.close()


def schema_markdown(document: dict) -> str:
	lines = [
		"# DMS data export",
		"",
		"Each table is `<table>.csv` (UTF-8 with BOM; the header row is the field names) and "
		"`<table>.json` (a list of objects with the same fields). Child tables carry their parent's "
		"key in `parent`.",
		"",
	]
	lines += [f"- {key}: {value}" for key, value in document.items() if key != "tables"]
	for table in document["tables"]:
		lines += [
			"",
			f"## {table['table']}",
			"",
			f"DocType **{table['doctype']}**, natural key `{', '.join(table['natural_key'])}`, "
			f"{table['rows']} rows"
			+ (f", child of `{table['parent_table']}`" if table["parent_table"] else "")
			+ ".",
			"",
			"| column | type | label | 中文 |",
			"|---|---|---|---|",
		]
		for column in table["columns"]:
			options = " / ".join(filter(None, column["options"].splitlines()))
			kind = column["fieldtype"] + (f" ({options})" if options else "")
			lines.append(f"| `{column['fieldname']}` | {kind} | {column['label']} | {column['label_zh']} |")
	return "\n".join(lines) + "\n"
