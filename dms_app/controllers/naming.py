"""The first document of a naming series, made by two users at once, without a deadlock.

Frappe's `getseries` reads the series counter FOR UPDATE and INSERTs it when there is none. Two
transactions that both find none hold gap locks that block each other's INSERT: MariaDB kills one
with a deadlock. Writing the counter row first, as an upsert that takes the row lock, makes the
second user wait for the first instead; each then gets its own number (and the document's own
checks, such as "already booked", see the first one's commit).
"""

import frappe
from frappe.model.naming import NamingSeries


def series_of(doc) -> str | None:
	"""The naming series `doc` takes its number from, when it is named by one."""
	autoname = doc.meta.autoname or ""
	if autoname.startswith("naming_series:"):
		return doc.get("naming_series") or None
	if "#" in autoname and "." in autoname and ":" not in autoname:
		return autoname  # a fixed series such as SA-.YYYY.-.#####
	return None


def lock_series_counter(doc, method=None):
	"""doc_events before_naming of dms_app's documents (see the module docstring)."""
	if frappe.local.module_app.get(frappe.scrub(doc.meta.module or "")) != "dms_app":
		return
	series = series_of(doc)
	if series:
		frappe.db.sql(
			"insert into `tabSeries` (`name`, `current`) values (%s, 0) on duplicate key update `current` = `current`",
			NamingSeries(series).get_prefix(),
		)
