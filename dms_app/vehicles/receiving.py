"""The Motor Vehicle records of a receipt, written a batch at a time.

Each record is still built and checked as a Motor Vehicle document, in the steps of Frappe's
`Document.insert` and `save`: defaults, naming, the controller's and the doc_events' validate
(decoding, trim, status, service due), Frappe's field checks (mandatory, length, select options) and
link checks, then on_update / after_insert / on_change, global search and a Version of each change.
Only the database work is batched, as ERPNext writes a receipt's Serial Nos (`make_serial_nos` in
erpnext/stock/serial_batch_bundle.py): per batch one SELECT … FOR UPDATE of the VINs (the row lock
a save takes), one query per linked doctype, one INSERT of the new records, one UPDATE of the
existing ones and one INSERT of their Versions; the records' global search entries go onto Frappe's
queue in one Redis command, and ERPNext's check for a running transaction deletion runs once per
company (`deletion_checked_once`).

Left out per record, on purpose: links are checked after validate rather than before it (so what
validate fills in is checked too); the realtime `list_update` goes once per batch (a list view reloads
once either way); the document cache is cleared, and `doc_update` sent, only for records that existed
(a new one has no cached copy and no open form).
"""

import json
from contextlib import contextmanager

import frappe
import redis
from frappe import _
from frappe.desk.form.document_follow import follow_document
from frappe.model.document import get_controller
from frappe.model.meta import Meta
from frappe.utils import cstr
from frappe.utils.global_search import get_formatted_value, sync_value, update_global_search

from dms_app.vehicles.decoding import decode_vin

DOCTYPE = "Motor Vehicle"
BATCH = 500  # records built, checked and written together: memory stays flat on any receipt
DELETION_CHECK = "erpnext.setup.doctype.transaction_deletion_record.transaction_deletion_record.check_for_running_deletion_job"


def receive(pairs: list[tuple], values_of) -> None:
	"""Create or update the vehicle of each (row, VIN); `values_of(row, vin)` gives the receipt's facts."""
	for start in range(0, len(pairs), BATCH):
		write_batch(pairs[start : start + BATCH], values_of)


def write_batch(pairs: list[tuple], values_of) -> None:
	existing = locked([vin for _row, vin in pairs])
	known = decoded_records([vin for _row, vin in pairs if vin not in existing])
	defaults = frappe.new_doc(DOCTYPE, as_dict=True)
	meta = BatchMeta(frappe.get_meta(DOCTYPE))
	trims, new, updated, checked = {}, [], [], set()
	with deletion_checked_once():
		for row, vin in pairs:
			if vin in existing:
				doc = loaded(existing[vin])
				doc.meta = meta
				doc.update(values_of(row, vin))
				doc.flags.deletion_checked = doc.company in checked
				prepare_save(doc)
				updated.append(doc)
			else:
				if row.item_code not in trims:
					trims[row.item_code] = frappe.db.get_value(
						"Vehicle Trim", {"item": row.item_code}, "name"
					)
				doc = frappe.get_doc(
					{"doctype": DOCTYPE, "vin": vin, "item": row.item_code, "trim": trims[row.item_code]}
				)
				doc.meta = meta
				doc.update(values_of(row, vin))
				doc.flags.known_records = known
				doc.flags.deletion_checked = doc.company in checked
				prepare_insert(doc, defaults)
				new.append(doc)
			checked.add(doc.company)
	validate_links(new + updated)
	insert(new)
	update(updated)
	follows = frappe.get_cached_value("User", frappe.session.user, "follow_created_documents")
	for doc in new:
		doc.run_method("after_insert")
		after_write(doc, is_new=True)
		if follows:
			follow_document(DOCTYPE, doc.name, frappe.session.user)
	for doc in updated:
		after_write(doc, is_new=False)
	queue_global_search(new + updated)
	frappe.publish_realtime(
		"list_update", {"doctype": DOCTYPE, "user": frappe.session.user}, after_commit=True
	)


class BatchMeta(Meta):
	"""The doctype's Meta for one batch: the field lists Frappe's per-record checks filter out of it
	(`meta.get("fields", {...})`, a dozen walks over all fields per record) are filtered once."""

	def __init__(self, meta: Meta):
		self.__dict__.update(meta.__dict__)
		self._filtered = {}

	def get(self, key, filters=None, limit=None, default=None):
		if not isinstance(filters, dict) or limit:
			return super().get(key, filters, limit, default)
		memo = (key, repr(filters))
		if memo not in self._filtered:
			self._filtered[memo] = super().get(key, filters)
		return list(self._filtered[memo])  # a copy: callers may append to it


@contextmanager
def deletion_checked_once():
	"""While the batch's records are validated, ERPNext's check for a running transaction deletion (a
	query per record) stands in the "*" validate hooks as `check_for_running_deletion_job` below, which
	passes the records flagged `deletion_checked`: those of a company an earlier record of the batch
	was checked for (the answer is the same within one transaction). Every other document validated
	meanwhile is checked as before. Frappe has no way to leave a "*" hook out for one document, and
	ERPNext's check has no flag of its own."""
	hooks = frappe.get_doc_hooks()
	validate = hooks.get("*", {}).get("validate", [])
	if DELETION_CHECK in validate:
		here = f"{__name__}.check_for_running_deletion_job"
		frappe.local.doc_events_hooks = {
			**hooks,
			"*": {**hooks["*"], "validate": [here if h == DELETION_CHECK else h for h in validate]},
		}
	try:
		yield
	finally:
		frappe.local.doc_events_hooks = hooks


def check_for_running_deletion_job(doc, method=None):
	"""ERPNext's check, except for a batch's record whose company was checked already."""
	if doc.doctype == DOCTYPE and doc.flags.deletion_checked:
		return
	frappe.get_attr(DELETION_CHECK)(doc, method)


def locked(vins: list[str]) -> dict:
	"""The existing records among `vins`, locked for this transaction."""
	rows = frappe.db.sql(
		"select * from `tabMotor Vehicle` where name in %(vins)s for update", {"vins": vins}, as_dict=True
	)
	return {row.name.upper(): row for row in rows}


def decoded_records(vins: list[str]) -> dict[str, set[str]]:
	"""The makes, models and trims the new VINs decode to that are on the site, one query each."""
	names = {"Vehicle Make": set(), "Vehicle Model": set(), "Vehicle Trim": set()}
	for vin in vins:
		info = decode_vin(vin)
		for doctype, value in zip(names, (info.make, info.model, info.trim), strict=True):
			if value:
				names[doctype].add(value)
	return {
		doctype: {
			name.casefold()
			for name in (
				frappe.get_all(doctype, {"name": ("in", list(values))}, pluck="name") if values else ()
			)
		}
		for doctype, values in names.items()
	}


def loaded(values: dict):
	"""An existing record as `frappe.get_doc` loads it, with its state before the save."""
	doc, before = (get_controller(DOCTYPE)({**values, "doctype": DOCTYPE}) for _ in range(2))
	for each in (doc, before):
		each._fix_numeric_types()
	doc._doc_before_save = before
	return doc


def prepare_insert(doc, defaults: dict):
	"""`Document.insert` up to the database write."""
	doc.flags.ignore_permissions = True
	doc.set("__islocal", True)
	doc.update_if_missing(defaults)
	doc.set_user_and_timestamp()
	doc.set_docstatus()
	doc._action = "save"  # as check_if_latest sets it
	doc.run_method("before_insert")
	doc.set_new_name()
	doc.flags.in_insert = True
	doc.run_before_save_methods()
	doc._validate()
	doc.flags.in_insert = False


def prepare_save(doc):
	"""`Document.save` up to the database write (the row lock is the batch's SELECT … FOR UPDATE)."""
	doc.flags.ignore_permissions = True
	doc.flags.ignore_version = frappe.flags.in_test
	doc.check_if_locked()
	doc.set_user_and_timestamp()
	doc.set_docstatus()
	doc._action = "save"  # as check_if_latest sets it
	doc.run_before_save_methods()
	doc._validate()


def validate_links(docs: list):
	"""Frappe's link check (`Document._validate_links`), one query per linked doctype for the batch."""
	meta = frappe.get_meta(DOCTYPE)
	fields = meta.get_link_fields() + meta.get("fields", {"fieldtype": "Dynamic Link"})
	if any(meta.get_fields_to_fetch(df.fieldname) for df in fields):
		for doc in docs:
			doc._validate_links()
		return
	wanted = {}
	for doc in docs:
		for df in fields:
			if value := doc.get(df.fieldname):
				target = df.options if df.fieldtype == "Link" else doc.get(df.options)
				wanted.setdefault(target, set()).add(value)
	found = {
		target: {
			name.casefold(): name
			for name in frappe.get_all(target, {"name": ("in", list(names))}, pluck="name")
		}
		for target, names in wanted.items()
	}
	for doc in docs:
		missing = []
		for df in fields:
			if value := doc.get(df.fieldname):
				target = df.options if df.fieldtype == "Link" else doc.get(df.options)
				name = found[target].get(value.casefold())
				if name:
					doc.set(df.fieldname, name)  # the database's spelling, as Frappe keeps it
				else:
					missing.append(f"{_(df.label, context=df.parent)}: {value}")
		if missing:
			frappe.throw(_("Could not find {0}").format(", ".join(missing)), frappe.LinkValidationError)


def insert(docs: list):
	if not docs:
		return
	rows = [doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True) for doc in docs]
	columns = list(rows[0])
	placeholders = "({})".format(", ".join(["%s"] * len(columns)))
	try:
		# one INSERT of all rows; frappe.db.bulk_insert's query builder takes 0.5 s per 1,000 records
		frappe.db.sql(
			"insert into `tabMotor Vehicle` ({}) values {}".format(
				", ".join(f"`{column}`" for column in columns), ", ".join([placeholders] * len(rows))
			),
			[row[column] for row in rows for column in columns],
		)
	except Exception as error:
		if not frappe.db.is_primary_key_violation(error):
			raise
		# another transaction created one of these VINs since the batch's lock: Frappe's message
		names = [doc.name for doc in docs]
		taken = frappe.get_all(DOCTYPE, {"name": ("in", names)}, pluck="name", limit=1)
		name = taken[0] if taken else names[0]
		frappe.msgprint(
			_("{0} {1} already exists").format(_(DOCTYPE), frappe.bold(name)),
			title=_("Duplicate Name"),
			indicator="red",
		)
		raise frappe.DuplicateEntryError(DOCTYPE, name, error) from error
	for doc in docs:
		doc.set("__islocal", False)
		delattr(doc, "__islocal")


def update(docs: list):
	"""One UPDATE … CASE of the fields each save changed, and the Versions Frappe would write."""
	changes, versions = {}, []
	for doc in docs:
		before = doc._doc_before_save.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
		after = doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)
		changes[doc.name] = {field: value for field, value in after.items() if before.get(field) != value}
		if version := version_of(doc):
			versions.append(version)
	frappe.db.bulk_update(DOCTYPE, changes, chunk_size=BATCH, update_modified=False)
	if versions:
		columns = list(versions[0])
		frappe.db.bulk_insert("Version", columns, [[row[c] for c in columns] for row in versions])


def version_of(doc) -> dict | None:
	"""The Version row `Document.save_version` would insert for this save, if any."""
	if not doc.meta.track_changes or doc.flags.ignore_version or frappe.flags.in_install:
		return None
	version = frappe.new_doc("Version")
	if not version.set_diff(doc._doc_before_save, doc):
		return None
	version.set_new_name()
	version.owner = version.modified_by = frappe.session.user
	version.creation = version.modified = doc.modified
	return version.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True)


def after_write(doc, is_new: bool):
	"""`Document.run_post_save_methods` for a save, without the per-record realtime list_update and,
	for a new record, without the cache clear and doc_update; global search is queued per batch."""
	doc.flags.in_insert = is_new
	doc.run_method("on_update")
	if not is_new:
		doc.clear_cache()
		frappe.publish_realtime(
			"doc_update",
			{"modified": doc.modified, "doctype": DOCTYPE, "name": doc.name},
			doctype=DOCTYPE,
			docname=doc.name,
			after_commit=True,
		)
	doc.run_method("on_change")
	if (DOCTYPE, doc.name) in frappe.flags.currently_saving:
		frappe.flags.currently_saving.remove((DOCTYPE, doc.name))
	doc.flags.in_insert = False


def queue_global_search(docs: list):
	"""`update_global_search` of each record, pushed onto Frappe's global search queue in one command
	(a round trip to Redis per record was a fifth of the receipt's own time)."""
	meta = frappe.get_meta(DOCTYPE)
	if frappe.local.conf.get("disable_global_search") or not docs:
		return
	if meta.get_table_fields() or meta.has_field("enabled"):
		for doc in docs:
			update_global_search(doc)
		return
	fields = meta.get_global_search_fields()
	values = []
	for doc in docs:
		if doc.docstatus > 1 or doc.get("disabled"):
			continue
		content = [get_formatted_value(doc.get(df.fieldname), df) for df in fields if doc.get(df.fieldname)]
		if content:
			published = 0
			if hasattr(doc, "is_website_published") and meta.allow_guest_to_view:
				published = 1 if doc.is_website_published() else 0
			values.append(
				{
					"doctype": DOCTYPE,
					"name": doc.name,
					"content": " ||| ".join(content),
					"published": published,
					"title": cstr(doc.get_title())[: int(frappe.db.VARCHAR_LEN)],
					"route": doc.get("route"),
				}
			)
	if not values:
		return
	try:
		# RedisWrapper.lpush takes one value; Redis's LPUSH takes many, in the same order
		redis.Redis.lpush(
			frappe.cache, frappe.cache.make_key("global_search_queue"), *map(json.dumps, values)
		)
	except redis.exceptions.ConnectionError:
		for value in values:
			sync_value(value)
