"""How an import declares its columns, and how a file's header row is matched to them.

Each import lists its columns once, in a `columns.py` beside it:

	COLUMNS = Columns(
		Column("vin", ("vin_no",), ("车架号", "VIN码", "车辆识别代号"), required=True),
		Column("colour", ("color",), ("颜色", "车身颜色")),
	)

A header cell matches a column by its field name or any alias, English or Chinese, ignoring case,
blanks, punctuation and full-width forms: "Interior Colour", "interior_colour", "INTERIOR-COLOUR"
and the same typed in full-width letters are one column, as are "VIN码" and "ＶＩＮ码". docs/imports.md
lists every import's columns.
"""

import unicodedata
from dataclasses import dataclass

from dms_app.imports.files import ImportFileError
from dms_app.translation import _


@dataclass(frozen=True)
class Column:
	field: str
	aliases: tuple[str, ...] = ()  # English
	zh: tuple[str, ...] = ()  # Chinese
	required: bool = False
	label: str = ""  # how messages name the column, when not its field name (e.g. "VIN")

	@property
	def title(self) -> str:
		return self.label or self.field

	@property
	def names(self) -> tuple[str, ...]:
		return (self.field, *self.aliases, *self.zh)


def normalise(title) -> str:
	"""The form headers are compared in: NFKC (full-width → ASCII), case-folded, letters and digits only."""
	text = unicodedata.normalize("NFKC", str(title or "")).casefold()
	return "".join(ch for ch in text if ch.isalnum())


class Columns:
	"""An import's columns in order; every name (normalised) belongs to one column only."""

	def __init__(self, *columns: Column):
		self.columns = columns
		self.by_key: dict[str, str] = {}
		for column in columns:
			for name in column.names:
				key = normalise(name)
				owner = self.by_key.setdefault(key, column.field)
				if owner != column.field:
					raise ValueError(f"{name!r} names both {owner} and {column.field}")

	def __iter__(self):
		return iter(self.columns)

	def __getitem__(self, field: str) -> Column:
		return next(c for c in self.columns if c.field == field)

	@property
	def fields(self) -> tuple[str, ...]:
		return tuple(c.field for c in self.columns)

	@property
	def required(self) -> tuple[str, ...]:
		return tuple(c.field for c in self.columns if c.required)

	def field_of(self, title) -> str | None:
		return self.by_key.get(normalise(title))

	def known(self) -> str:
		"""Every column with its first Chinese alias, for error messages: "vin (车架号), colour (颜色)"."""
		return ", ".join(f"{c.title} ({c.zh[0]})" if c.zh else c.title for c in self.columns)

	def map_keys(self, record: dict) -> dict:
		"""A JSON object's values under the field names; unknown keys dropped."""
		out = {}
		for key, value in record.items():
			found = self.field_of(key)
			if found and found not in out:
				out[found] = value
		return out


def header_map(header: list, columns: Columns, unknown: str = "error") -> dict[int, str]:
	"""Column position → field.

	Unknown columns are an error listing the known ones (`unknown="ignore"` skips them, for files
	that carry more than the import reads, such as an export sent back); a column given twice, or
	a required column missing, is an error too. Blank header cells are skipped.
	"""
	mapping: dict[int, str] = {}
	titles: dict[str, str] = {}
	strangers = []
	for position, title in enumerate(header):
		if not str(title or "").strip():
			continue
		found = columns.field_of(title)
		if not found:
			strangers.append(str(title).strip())
		elif found in titles:
			raise ImportFileError(
				_(
					"Columns {first} and {second} are both {column}",
					first=titles[found],
					second=str(title).strip(),
					column=found,
				)
				if normalise(titles[found]) != normalise(title)
				else _("Column {column} appears twice", column=str(title).strip())
			)
		else:
			mapping[position] = found
			titles[found] = str(title).strip()
	if strangers and unknown == "error":
		raise ImportFileError(
			_(
				"Unknown columns: {columns}. Known columns: {known}",
				columns=", ".join(strangers),
				known=columns.known(),
			)
		)
	missing = [c.title for c in columns if c.required and c.field not in titles]
	if missing:
		raise ImportFileError(
			_(
				"The file has no {columns} column. Known columns: {known}",
				columns=", ".join(missing),
				known=columns.known(),
			)
		)
	return mapping


def records(table: list[list[str]], columns: Columns, unknown: str = "error"):
	"""(row number, {field: text}) for every non-blank data row; the header is row 1."""
	if not table:
		raise ImportFileError(_("The file is empty"))
	mapping = header_map(table[0], columns, unknown)
	for row_no, cells in enumerate(table[1:], start=2):
		values = {field: (cells[pos] if pos < len(cells) else "") for pos, field in mapping.items()}
		if any(str(v).strip() for v in values.values()):
			yield row_no, values
