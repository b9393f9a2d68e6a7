"""The migration import: a zip from the full export (or from another DMS, shaped the same way), or
one CSV / XLSX file per table, brought into the site by natural key, so running the same file twice
changes nothing.

One declaration per table (`TableImport` subclasses in `IMPORTS`, in the order they load): the
table's name (its file in the zip: `<table>.csv`, `.xlsx` or `.json`), its DocType, the fields it
reads, and how a row finds its record (`find`) and is written (`apply`). A column header may be the
field name, the DocField's English label, its Chinese translation, or an alias in `columns.py`.
A later table (service history, opening stock, open orders) is one more subclass in `IMPORTS`.

Every file is read before anything is written, so a malformed file writes nothing. A dry run does
the whole import, with every validation ERPNext and the app run, inside a savepoint it then rolls
back: it reports every bad row with its table, row number and reason, and writes nothing. A row
that fails in a real run is rolled back alone and reported.

Records are written as the user who runs the migration, without their DocType permissions (only a
System Manager or DMS Manager may run one: `check_permission`); a Customer's mobile number makes
its primary Contact, as ERPNext does for a Customer entered in the desk.
"""

import io
import zipfile
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.translate import get_all_translations
from frappe.utils import strip_html

from dms_app import translation
from dms_app.data_exchange import values as cells
from dms_app.data_exchange.columns import ALIASES
from dms_app.imports.columns import Column, Columns, normalise, records
from dms_app.imports.files import MAX_FILE_BYTES, MAX_STREAM_BYTES, ImportFileError, read_json, read_table

MIGRATION_ROLES = ("System Manager", "DMS Manager")
MAX_ARCHIVE_ENTRIES = 500


@dataclass
class Outcome:
	counts: dict = field(default_factory=dict)  # table -> {created, updated, unchanged, failed}
	errors: list = field(default_factory=list)  # (table, row number, message)

	def count(self, table: str, status: str):
		tally = self.counts.setdefault(table, dict.fromkeys(("created", "updated", "unchanged", "failed"), 0))
		tally[status] += 1

	def fail(self, table: str, row_no: int, messages: list[str]):
		self.count(table, "failed")
		self.errors.append((table, row_no, "; ".join(messages)))

	def warn(self, table: str, row_no: int, message: str):
		self.errors.append((table, row_no, _("Warning: {0}").format(message)))


class RowError(Exception):
	"""A row that can't be imported; the message says why."""


class TableImport:
	table = ""
	doctype = ""
	fields: tuple[str, ...] = ()  # the DocType's fields this import reads
	extra: tuple[tuple[str, str, str], ...] = ()  # other columns: (field, fieldtype, options)
	required: tuple[str, ...] = ()
	create_only: tuple[str, ...] = ()  # set on a new record, never changed on an existing one

	def __init__(self):
		self.meta = frappe.get_meta(self.doctype)
		self.warnings: list[str] = []

	# --- columns ---------------------------------------------------------------------------

	def columns(self, zh: dict) -> Columns:
		"""Field names, labels, Chinese labels and the explicit aliases; a name two columns share
		(e.g. two fields both labelled "Customer") stays with the first."""
		explicit = {column.field: column for column in ALIASES.get(self.table, ())}
		taken: set[str] = set()
		found = []
		for name in (*self.fields, *(extra[0] for extra in self.extra)):
			given = explicit.get(name) or Column(name)
			df = self.meta.get_field(name)
			label = (df.label if df else "") or ""
			english = [a for a in (*given.aliases, label) if a and normalise(a) not in taken]
			chinese = [a for a in (*given.zh, zh.get(label, "")) if a and normalise(a) not in taken]
			names = {normalise(n) for n in (name, *english, *chinese)}
			if normalise(name) in taken:
				continue
			taken |= names
			found.append(
				Column(
					name,
					tuple(dict.fromkeys(english)),
					tuple(dict.fromkeys(chinese)),
					required=name in self.required,
					label=given.label or label,
				)
			)
		return Columns(*found)

	def field_type(self, name: str) -> tuple[str, str]:
		for extra, fieldtype, options in self.extra:
			if extra == name:
				return fieldtype, options
		df = self.meta.get_field(name)
		return (df.fieldtype, df.options or "") if df else ("Data", "")

	def label(self, name: str) -> str:
		df = self.meta.get_field(name)
		return _(df.label) if df and df.label else name

	# --- a row -----------------------------------------------------------------------------

	def typed(self, raw: dict, zh: dict) -> tuple[dict, list[str]]:
		values, errors = {}, []
		for name, text in raw.items():
			fieldtype, options = self.field_type(name)
			try:
				values[name] = cells.convert(fieldtype, text, options, zh)
			except ValueError as error:
				errors.append(f"{self.label(name)}: {error}")
		for name in self.required:
			if name in raw and values.get(name) in (None, ""):
				errors.append(_("{0} is required").format(self.label(name)))
		return values, errors

	def check_links(self, values: dict, optional: tuple[str, ...] = ()):
		"""A link to a record not on the site is an error, or (for `optional` fields) left empty
		with a warning."""
		for name, value in list(values.items()):
			fieldtype, options = self.field_type(name)
			if fieldtype != "Link" or value in (None, "") or frappe.db.exists(options, value):
				continue
			if name not in optional:
				raise RowError(_("{0} {1} does not exist").format(self.label(name), value))
			values[name] = None
			self.warnings.append(_("{0} {1} does not exist: left empty").format(self.label(name), value))

	def find(self, values: dict) -> str | None:
		raise NotImplementedError

	def apply(self, values: dict, name: str | None) -> str:
		"""Create or update the record; returns "created", "updated" or "unchanged"."""
		doc = frappe.get_doc(self.doctype, name) if name else frappe.new_doc(self.doctype)
		changed = self.assign(doc, values)
		if name:
			if not changed:
				return "unchanged"
			doc.save(ignore_permissions=True)
			return "updated"
		self.insert(doc, values)
		return "created"

	def assign(self, doc, values: dict) -> bool:
		changed = False
		for name in self.fields:
			if name not in values or not self.meta.get_field(name):
				continue
			if not doc.is_new() and (name in self.create_only or values[name] in (None, "")):
				continue
			if not cells.same(doc.get(name), values[name]):
				doc.set(name, values[name])
				changed = True
		return changed

	def insert(self, doc, values: dict):
		doc.insert(ignore_permissions=True)


def customer_of(value: str | None) -> str | None:
	"""A Customer by its ID (code), else by its mobile number (the key where a file has no code)."""
	if not value:
		return None
	if frappe.db.exists("Customer", value):
		return value
	return frappe.db.get_value("Customer", {"mobile_no": value}, "name") or frappe.db.get_value(
		"Dynamic Link",
		{
			"parenttype": "Contact",
			"link_doctype": "Customer",
			"parent": ("in", frappe.get_all("Contact", filters={"mobile_no": value}, pluck="name") or [""]),
		},
		"link_name",
	)


def require_customer(values: dict, label: str) -> str:
	customer = customer_of(values.get("customer"))
	if values.get("customer") and not customer:
		raise RowError(
			_("{0} {1} does not exist (neither a customer code nor a mobile number)").format(
				label, values["customer"]
			)
		)
	return customer


class CustomerImport(TableImport):
	"""Customers by code (their ID), else by mobile number."""

	table = "customers"
	doctype = "Customer"
	fields = (
		"customer_name",
		"customer_type",
		"customer_group",
		"territory",
		"mobile_no",
		"email_id",
		"gender",
		"tax_id",
		"language",
		"default_currency",
		"customer_details",
		"dms_no_service_reminders",
		"disabled",
	)
	extra = (("name", "Data", ""),)
	required = ("customer_name",)
	create_only = ("mobile_no", "email_id")  # they make its primary Contact; contacts.csv updates that

	def find(self, values):
		if values.get("name"):
			return values["name"] if frappe.db.exists("Customer", values["name"]) else None
		return customer_of(values.get("mobile_no"))

	def apply(self, values, name):
		if not values.get("customer_name"):
			raise RowError(_("{0} is required").format(self.label("customer_name")))
		self.check_links(
			values, optional=("customer_group", "territory", "language", "gender", "default_currency")
		)
		return super().apply(values, name)

	def insert(self, doc, values):
		doc.customer_type = doc.customer_type or "Individual"
		doc.customer_group = doc.customer_group or frappe.db.get_single_value(
			"Selling Settings", "customer_group"
		)
		doc.territory = doc.territory or frappe.db.get_single_value("Selling Settings", "territory")
		doc.customer_group = doc.customer_group or frappe.db.get_value(
			"Customer Group", {"is_group": 0}, "name"
		)
		doc.territory = doc.territory or frappe.db.get_value("Territory", {"is_group": 0}, "name")
		doc.insert(ignore_permissions=True, set_name=values.get("name") or None)


class ContactImport(TableImport):
	"""A customer's contacts, by mobile number, else email."""

	table = "contacts"
	doctype = "Contact"
	fields = (
		"first_name",
		"last_name",
		"salutation",
		"gender",
		"designation",
		"mobile_no",
		"phone",
		"email_id",
	)
	extra = (("customer", "Link", "Customer"),)
	required = ()

	def find(self, values):
		if values.get("mobile_no"):
			return frappe.db.get_value(
				"Contact Phone", {"parenttype": "Contact", "phone": values["mobile_no"]}, "parent"
			) or frappe.db.get_value("Contact", {"mobile_no": values["mobile_no"]}, "name")
		if values.get("email_id"):
			return frappe.db.get_value(
				"Contact Email", {"parenttype": "Contact", "email_id": values["email_id"]}, "parent"
			)
		raise RowError(_("A contact needs a mobile number or an email address"))

	def apply(self, values, name):
		customer = require_customer(values, _("Customer"))
		self.check_links(values, optional=("salutation", "gender"))
		doc = frappe.get_doc("Contact", name) if name else frappe.new_doc("Contact")
		if not name and not values.get("first_name"):
			values["first_name"] = (
				(frappe.db.get_value("Customer", customer, "customer_name") if customer else None)
				or values.get("mobile_no")
				or values.get("email_id")
			)
		changed = self.assign(
			doc, {k: v for k, v in values.items() if k not in ("mobile_no", "phone", "email_id")}
		)
		if values.get("email_id") and values["email_id"] not in {row.email_id for row in doc.email_ids}:
			doc.add_email(values["email_id"], is_primary=not doc.email_ids)
			changed = True
		phones = {row.phone for row in doc.phone_nos}
		if values.get("mobile_no") and values["mobile_no"] not in phones:
			has_mobile = any(row.is_primary_mobile_no for row in doc.phone_nos)
			doc.add_phone(values["mobile_no"], is_primary_mobile_no=not has_mobile)
			changed = True
		if values.get("phone") and values["phone"] not in phones:
			has_phone = any(row.is_primary_phone for row in doc.phone_nos)
			doc.add_phone(values["phone"], is_primary_phone=not has_phone)
			changed = True
		if customer and not any(l.link_doctype == "Customer" and l.link_name == customer for l in doc.links):
			doc.append("links", {"link_doctype": "Customer", "link_name": customer})
			changed = True
		if name and not changed:
			return "unchanged"
		doc.save(ignore_permissions=True) if name else doc.insert(ignore_permissions=True)
		return "updated" if name else "created"


class AddressImport(TableImport):
	"""A customer's addresses, by their ID, else by customer, first line and city."""

	table = "addresses"
	doctype = "Address"
	fields = (
		"address_title",
		"address_type",
		"address_line1",
		"address_line2",
		"city",
		"county",
		"state",
		"country",
		"pincode",
		"email_id",
		"phone",
		"is_primary_address",
		"is_shipping_address",
	)
	extra = (("name", "Data", ""), ("customer", "Link", "Customer"))
	required = ("address_line1",)

	def find(self, values):
		if values.get("name") and frappe.db.exists("Address", values["name"]):
			return values["name"]
		customer = customer_of(values.get("customer"))
		if not customer or not values.get("address_line1"):
			return None
		found = frappe.db.sql(
			"""select a.name from `tabAddress` a join `tabDynamic Link` l on l.parent = a.name
			and l.parenttype = 'Address' and l.link_doctype = 'Customer' and l.link_name = %s
			where a.address_line1 = %s and ifnull(a.city, '') = %s limit 1""",
			(customer, values["address_line1"], values.get("city") or ""),
		)
		return found[0][0] if found else None

	def apply(self, values, name):
		customer = require_customer(values, _("Customer"))
		self.check_links(values)
		doc = frappe.get_doc("Address", name) if name else frappe.new_doc("Address")
		changed = self.assign(doc, values)
		if customer and not any(l.link_doctype == "Customer" and l.link_name == customer for l in doc.links):
			doc.append("links", {"link_doctype": "Customer", "link_name": customer})
			changed = True
		if name:
			if not changed:
				return "unchanged"
			doc.save(ignore_permissions=True)
			return "updated"
		doc.address_title = (
			doc.address_title
			or (frappe.db.get_value("Customer", customer, "customer_name") if customer else None)
			or values["address_line1"]
		)
		doc.address_type = doc.address_type or "Billing"
		doc.city = doc.city or "-"
		doc.country = doc.country or frappe.db.get_single_value("System Settings", "country")
		doc.insert(ignore_permissions=True, set_name=values.get("name") or None)
		return "created"


class VehicleImport(TableImport):
	"""Customers' vehicles by VIN, with no ERPNext stock: owner, plate, odometer, last service and
	warranty start. A vehicle not on file is made a customer vehicle (stock type Customer) when it
	has an owner; without one, as the file's New / Used vehicle not yet received (its stock comes
	through ERPNext's documents, never through the migration). An existing vehicle keeps its stock
	type; its owner changes only if it is a customer vehicle. The next service due is not read: the
	app works it out from the last service and the service intervals."""

	table = "vehicles"
	doctype = "Motor Vehicle"
	fields = (
		"vin",
		"customer",
		"stock_type",
		"registration_plate",
		"odometer",
		"odometer_unit",
		"last_service_date",
		"last_service_odometer",
		"warranty_start_date",
		"delivery_date",
		"make",
		"model",
		"trim",
		"model_year",
		"colour",
		"interior_colour",
		"certificate_no",
	)
	required = ("vin",)
	create_only = ("vin", "stock_type")

	def find(self, values):
		vin = (values.get("vin") or "").strip().upper()
		if not vin:
			raise RowError(_("{0} is required").format("VIN"))
		values["vin"] = vin
		return vin if frappe.db.exists("Motor Vehicle", vin) else None

	def apply(self, values, name):
		if "customer" in values:
			values["customer"] = require_customer(values, self.label("customer"))
		self.check_links(values, optional=("make", "model", "trim"))
		if name:
			if frappe.db.get_value("Motor Vehicle", name, "stock_type") != "Customer":
				values.pop("customer", None)
			return super().apply(values, name)
		if values.get("customer"):
			values["stock_type"] = "Customer"
		elif values.get("stock_type") in (None, "", "Customer"):
			raise RowError(_("A vehicle needs its owner (customer), or stock type New or Used"))
		else:
			self.warnings.append(
				_(
					"{0} vehicle made without stock: receive it through a Purchase Receipt or Stock Reconciliation"
				).format(_(values["stock_type"]))
			)
		return super().apply(values, name)


def _imports() -> tuple[type[TableImport], ...]:
	# the later tables live in modules of their own, which import this one
	from dms_app.data_exchange.masters import MakeImport, ModelImport, TrimImport
	from dms_app.data_exchange.opening_stock import OpeningStockImport
	from dms_app.data_exchange.service_history import ServiceHistoryImport

	return (
		CustomerImport,
		ContactImport,
		AddressImport,
		MakeImport,
		ModelImport,
		TrimImport,
		VehicleImport,
		ServiceHistoryImport,
		OpeningStockImport,
	)


class _Imports:
	"""IMPORTS, in load order, resolved on first use."""

	def __iter__(self):
		return iter(_imports())


IMPORTS = _Imports()


def import_for(table: str) -> type[TableImport] | None:
	return next((imp for imp in IMPORTS if imp.table == table), None)


# --- files -------------------------------------------------------------------------------------


def read_sources(
	file_name: str, content: bytes | None, table: str | None = None, path: str | None = None
) -> list[tuple[str, list[list[str]]]]:
	"""[(table, rows)] in load order: each table of a zip (`<table>.csv`, `.xlsx` or `.json`), or the
	one file, for `table` or the table its name says ("vehicles.csv"). The file is `content`, else
	read from `path`. A streamed table (service history) comes as a `Stream`, read on each pass."""
	name = (file_name or "").lower()
	if name.endswith(".zip"):
		return _read_archive(content if content is not None else path)
	stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
	table = table or next((imp.table for imp in IMPORTS if imp.table == stem), None)
	if not table or not import_for(table):
		raise ImportFileError(
			translation._(
				"Choose the table this file holds ({tables}), or name the file after it",
				tables=", ".join(imp.table for imp in IMPORTS),
			)
		)
	if getattr(import_for(table), "streaming", False) and not name.endswith(".json"):
		from dms_app.data_exchange.service_history import Stream

		return [(table, Stream(file_name, content if content is not None else path))]
	if content is None:
		with open(path, "rb") as handle:
			content = handle.read()
	return [(table, _read_one(file_name, content))]


def _read_one(file_name: str, content: bytes) -> list[list[str]]:
	if file_name.lower().endswith(".json"):
		data = read_json(content)
		if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
			raise ImportFileError(translation._("The JSON file must be a list of objects, one per row"))
		header = list(dict.fromkeys(key for row in data for key in row))
		return [header, *[["" if row.get(k) is None else str(row.get(k)) for k in header] for row in data]]
	return read_table(file_name, content)


def _read_archive(content) -> list[tuple[str, list[list[str]]]]:
	found = []
	try:
		return _read_members(content, found)
	except Exception:
		for _table, rows in found:  # a table spooled before a later member failed
			if hasattr(rows, "close"):
				rows.close()
		raise


def _read_members(content, found: list) -> list[tuple[str, list[list[str]]]]:
	try:
		archive = zipfile.ZipFile(io.BytesIO(content) if isinstance(content, bytes) else content)
	except (zipfile.BadZipFile, OSError, ValueError):
		raise ImportFileError(
			translation._("The file is not a zip archive: attach the export's zip or one CSV / XLSX file")
		) from None
	with archive:
		entries = archive.infolist()
		if len(entries) > MAX_ARCHIVE_ENTRIES:
			raise ImportFileError(
				translation._("The zip holds {count} files, more than an export has", count=len(entries))
			)
		by_name = {
			entry.filename.rsplit("/", 1)[-1].lower(): entry for entry in entries if not entry.is_dir()
		}
		for imp in IMPORTS:
			for extension in (".csv", ".xlsx", ".json"):
				entry = by_name.get(imp.table + extension)
				if not entry:
					continue
				if getattr(imp, "streaming", False) and extension != ".json":
					from dms_app.data_exchange.service_history import spool

					if entry.file_size > MAX_STREAM_BYTES:  # checked before it is unpacked to disk
						raise ImportFileError(
							translation._(
								"{name} in the zip is {size} MB; import at most {limit} MB a table",
								name=entry.filename,
								size=f"{entry.file_size / 1048576:.1f}",
								limit=MAX_STREAM_BYTES // 1048576,
							)
						)
					try:
						with archive.open(entry) as handle:
							found.append((imp.table, spool(entry.filename, handle)))
					except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
						raise ImportFileError(
							translation._(
								"{name} in the zip can't be read: {error}", name=entry.filename, error=error
							)
						) from None
					break
				if entry.file_size > MAX_FILE_BYTES:
					raise ImportFileError(
						translation._(
							"{name} in the zip is {size} MB; import at most {limit} MB a table",
							name=entry.filename,
							size=f"{entry.file_size / 1048576:.1f}",
							limit=MAX_FILE_BYTES // 1048576,
						)
					)
				try:
					data = archive.read(entry)
				except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
					raise ImportFileError(
						translation._(
							"{name} in the zip can't be read: {error}", name=entry.filename, error=error
						)
					) from None
				try:
					found.append((imp.table, _read_one(entry.filename, data)))
				except ImportFileError as error:
					raise ImportFileError(f"{entry.filename}: {error}") from None
				break
	if not found:
		raise ImportFileError(
			translation._(
				"The zip holds none of the tables {tables}",
				tables=", ".join(f"{imp.table}.csv" for imp in IMPORTS),
			)
		)
	return found


# --- running -----------------------------------------------------------------------------------


def check_permission(user: str | None = None) -> None:
	if not set(MIGRATION_ROLES) & set(frappe.get_roles(user)):
		frappe.throw(
			_("Only a System Manager or DMS Manager may run a data migration"), frappe.PermissionError
		)


def import_tables(sources, progress=None, dry_run=False, commit=False) -> Outcome:
	"""Import each (table, rows) in order; a failing row is rolled back alone and reported. A
	streamed table counts twice in the progress (its check pass and its write pass)."""
	zh = get_all_translations("zh")
	outcome = Outcome()
	total = sum(max(len(rows) - 1, 0) * (2 if hasattr(rows, "rows") else 1) for _table, rows in sources) or 1
	done = 0
	for table, rows in sources:
		importer = import_for(table)()
		if hasattr(rows, "rows"):
			meter = (lambda count, _total: progress(count, total)) if progress else None
			done = importer.run(rows, outcome, zh, meter, dry_run=dry_run, commit=commit, done=done)
			continue
		try:
			columns = importer.columns(zh)
			lines = list(records(rows, columns, unknown="ignore"))
		except ImportFileError as error:
			outcome.fail(table, 1, [str(error)])
			continue
		outcome.counts.setdefault(table, dict.fromkeys(("created", "updated", "unchanged", "failed"), 0))
		if hasattr(importer, "run_rows"):
			meter = (lambda count, _total: progress(count, total)) if progress else None
			done = importer.run_rows(lines, outcome, zh, meter, done=done)
			continue
		for row_no, raw in lines:
			done += 1
			if progress:
				progress(done, total)  # dms_app.progress.Progress: a few events, not one per row
			values, errors = importer.typed(raw, zh)
			if errors:
				outcome.fail(table, row_no, errors)
				continue
			importer.warnings = []
			frappe.db.savepoint("dms_migration_row")
			try:
				status = importer.apply(values, importer.find(values))
			except (RowError, frappe.ValidationError) as error:
				frappe.db.rollback(save_point="dms_migration_row")
				frappe.clear_messages()
				outcome.fail(table, row_no, [strip_html(str(error)) or type(error).__name__])
				continue
			outcome.count(table, status)
			for warning in importer.warnings:
				outcome.warn(table, row_no, warning)
	return outcome


def migrate(
	file_name: str,
	content: bytes | None,
	table: str | None = None,
	dry_run: bool = False,
	progress=None,
	path: str | None = None,
	commit: bool = False,
) -> Outcome:
	"""Read every table first (a malformed file raises ImportFileError and writes nothing; a streamed
	table is read through once), then import; a dry run rolls everything back (a streamed table is
	only checked). `commit`: a streamed table commits after each batch (the background job)."""
	translation.set_translator(_)
	sources = read_sources(file_name, content, table, path)
	try:
		zh = get_all_translations("zh")
		for source_table, rows in sources:
			if hasattr(rows, "scan"):
				try:
					rows.scan(import_for(source_table)().columns(zh))
				except ImportFileError as error:
					if not rows.temporary:
						raise
					raise ImportFileError(f"{rows.file_name}: {error}") from None  # a member of a zip
		if not dry_run:
			return import_tables(sources, progress, commit=commit)
		frappe.db.savepoint("dms_migration_dry_run")
		try:
			return import_tables(sources, progress, dry_run=True)
		finally:
			frappe.db.rollback(save_point="dms_migration_dry_run")
			frappe.clear_messages()
	finally:
		for _table, rows in sources:
			if hasattr(rows, "close"):
				rows.close()
