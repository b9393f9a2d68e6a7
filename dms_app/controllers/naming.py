"""The first document of a naming series, made by two users at once, without a deadlock.

Frappe's `getseries` reads the series counter FOR UPDATE and INSERTs it when there is none. Two
transactions that both find none hold gap locks that block each other's INSERT: MariaDB kills one
with a deadlock (two salespeople making the year's first Sales Order at the same moment). Writing
the counter row first, as an upsert that takes the row lock, makes the second user wait for the
first instead; each then gets its own number (and the document's own checks, such as "already
booked", see the first one's commit). It costs one statement per document named by a series.
"""

import frappe
from frappe.model.naming import get_default_naming_series, parse_naming_series


def series_of(doc) -> str | None:
	"""The naming series `doc` takes its number from, when it is named by one."""
	autoname = doc.meta.autoname or ""
	if autoname.startswith("naming_series:"):
		return doc.get("naming_series") or get_default_naming_series(doc.doctype) or None
	if "#" in autoname and "." in autoname and ":" not in autoname:
		return autoname  # a fixed series such as SA-.YYYY.-.#####
	return None


def series_prefix(doc) -> str | None:
	"""The counter row (tabSeries) `doc`'s new name takes its number from, parsed as Frappe's
	make_autoname parses it: dates, the document's own fields, apps' variables (ERPNext's .FY.)."""
	series = series_of(doc)
	if not series or doc.get("amended_from"):  # an amendment is named after its original
		return None
	prefix = None

	def counter(partial_name: str, digits: int) -> str:
		nonlocal prefix
		prefix = partial_name
		return "#" * digits

	parse_naming_series(series if "#" in series else f"{series}.#####", doc=doc, number_generator=counter)
	return prefix


def lock_series_counter(doc, method=None):
	"""doc_events before_naming of every document (see the module docstring)."""
	if prefix := series_prefix(doc):
		frappe.db.sql(
			"insert into `tabSeries` (`name`, `current`) values (%s, 0) on duplicate key update `current` = `current`",
			prefix,
		)
