"""Service history from the dealer's previous DMS, without Frappe (unit-tested in
`tests/unit/test_service_history.py`): a record's name from its natural key, its totals from its
lines, and the grouping of a flat lines file (one row per line, the repair order's fields repeated)
into repair orders.

An imported repair order is history only: it is never posted to the ledgers, and it moves a
vehicle's last service only when it is newer than the one recorded.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

HEADER_FIELDS = (
	"vehicle",
	"registration_plate",
	"customer",
	"source",
	"ro_no",
	"service_date",
	"odometer",
	"advisor",
	"currency",
	"description",
)
LINE_FIELDS = (
	"line_no",
	"job_no",
	"line_type",
	"code",
	"description",
	"hours",
	"qty",
	"rate",
	"amount",
	"pay_type",
)
# a line's description is the file's `line_description`; the repair order's is `description`
LINE_COLUMNS = {"line_description": "description"}
TOTALS = {"Labour": "labour_total", "Part": "parts_total", "Sublet": "sublet_total"}


def history_name(source: str | None, ro_no: str) -> str:
	"""The record's name: the old RO number, after its source system when there is one."""
	source = (source or "").strip()
	ro_no = str(ro_no).strip()
	return f"{source}-{ro_no}" if source else ro_no


def totals(lines: Iterable[dict]) -> dict:
	"""{labour_total, parts_total, sublet_total, total} of the lines' amounts (by line type; Other
	counts in the total only)."""
	sums = dict.fromkeys((*TOTALS.values(), "total"), 0.0)
	for line in lines:
		amount = float(line.get("amount") or 0)
		key = TOTALS.get(line.get("line_type") or "")
		if key:
			sums[key] += amount
		sums["total"] += amount
	return {key: round(value, 2) for key, value in sums.items()}


@dataclass
class Visit:
	"""One repair order of a flat file: its header, its lines, and the file rows they came from."""

	name: str
	header: dict
	lines: list[dict] = field(default_factory=list)
	rows: list[int] = field(default_factory=list)


def split_row(values: dict) -> tuple[dict, dict]:
	"""A flat row's (header fields, line fields)."""
	header = {key: values[key] for key in HEADER_FIELDS if key in values}
	line = {key: values[key] for key in LINE_FIELDS if key in values and key != "description"}
	if "line_description" in values:
		line["description"] = values["line_description"]
	return header, line


def visits(rows: Iterable[tuple[int, dict]]) -> Iterator[Visit]:
	"""Group consecutive rows of one repair order (same source and old RO number) into a Visit; the
	header is the first row's, with blanks filled from later rows. A repair order whose rows are not
	consecutive comes out as two visits (the import merges them by line number). A line without a
	line number is numbered after its visit's last one."""
	current: Visit | None = None
	for row_no, values in rows:
		header, line = split_row(values)
		name = history_name(header.get("source"), header.get("ro_no") or "")
		if current and current.name != name:
			yield current
			current = None
		if current is None:
			current = Visit(name, dict(header))
		else:
			for key, value in header.items():
				if current.header.get(key) in (None, "") and value not in (None, ""):
					current.header[key] = value
		if any(value not in (None, "") for value in line.values()):
			if not line.get("line_no"):
				line["line_no"] = max((x["line_no"] for x in current.lines), default=0) + 1
			current.lines.append(line)
		current.rows.append(row_no)
	if current:
		yield current


def merge_lines(existing: list[dict], incoming: list[dict]) -> tuple[list[dict], bool]:
	"""The lines after an upsert by line number: an incoming line replaces the one with its number
	(when it differs) or is added; lines not in the file stay. Returns (lines, changed)."""
	by_no = {int(line["line_no"]): dict(line) for line in existing}
	changed = False
	for line in incoming:
		number = int(line["line_no"])
		old = by_no.get(number)
		merged = {**(old or {}), **{k: v for k, v in line.items() if v is not None}}
		if old is None or any(not _same(old.get(k), v) for k, v in merged.items()):
			by_no[number] = merged
			changed = True
	return [by_no[number] for number in sorted(by_no)], changed


def _same(old, new) -> bool:
	if old in (None, "") or new in (None, ""):
		return old in (None, "", 0) and new in (None, "", 0)
	if isinstance(new, int | float):
		try:
			return abs(float(old) - float(new)) < 1e-9
		except (TypeError, ValueError):
			return False
	return str(old).strip()[: len(str(new))] == str(new).strip()
