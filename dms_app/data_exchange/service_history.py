"""The migration's service history: past repair orders from the dealer's previous DMS as one flat
lines file, `service_history.csv` (one row per labour / part / sublet line, the repair order's
fields repeated on each), kept as Vehicle Service History on the vehicle and never posted to the
ledgers. The natural key is the old RO number (unique per source system) and, within it, the line
number: a re-run changes nothing.

Built for large files (100,000 lines and more, `MAX_ROWS`): the file is streamed
(`dms_app.imports.files.iter_rows`), never held whole.

1. A check pass reads every row: its types, the required fields, the vehicle (by VIN) and the
   customer (by code or mobile) are checked a page of `PAGE` rows at a time; every bad row is
   reported with its row number and reason (the first `MAX_ERRORS`, then a count).
2. A write pass (not in a dry run: for this table a dry run is the check pass only) reads the file
   again, skips the bad rows, groups each repair order's consecutive lines, and writes `BATCH`
   repair orders at a time: new ones in one insert per table, those already on the site through
   their document (lines merged by line number, saved only when something changed). Each vehicle's
   last service moves to the newest imported one only if that is newer than its own; its next
   service due is recomputed. A background run commits after each batch.

Counts are of repair orders (created / updated / unchanged) and of failed rows.
"""

import os
import tempfile

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from dms_app.data_exchange.migration import RowError, TableImport, customer_of
from dms_app.imports.columns import header_map
from dms_app.imports.files import iter_rows
from dms_app.service import service_due
from dms_app.service.history import HEADER_FIELDS, LINE_FIELDS, history_name, merge_lines, totals, visits

MAX_ROWS = 1_000_000  # lines per file (part A's 50,000 is for tables loaded whole)
PAGE = 1000  # rows checked per round of queries
BATCH = 500  # repair orders written per batch (and per commit in the background)
MAX_ERRORS = 1000
DOCTYPE = "Vehicle Service History"
LINE_DOCTYPE = "Vehicle Service History Line"


class Stream:
	"""A table too large to load: its rows are read from `source` (a path or bytes) on each pass."""

	def __init__(self, file_name: str, source, max_rows: int = MAX_ROWS):
		self.file_name, self.source, self.max_rows = file_name, source, max_rows
		self.count = 0
		self.temporary = False

	def rows(self):
		return iter_rows(self.file_name, self.source, self.max_rows)

	def scan(self, columns) -> int:
		"""Read the whole file once (a malformed file raises ImportFileError before anything is
		written) and check its header; returns the number of data rows."""
		rows = self.rows()
		header_map(next(rows), columns, unknown="ignore")
		self.count = sum(1 for _row in rows)
		return self.count

	def __len__(self):
		return self.count + 1

	def close(self):
		if self.temporary and isinstance(self.source, str) and os.path.exists(self.source):
			os.remove(self.source)


def spool(file_name: str, handle) -> Stream:
	"""A zip entry copied to a temporary file, so it is streamed rather than held."""
	with tempfile.NamedTemporaryFile("wb", suffix=os.path.splitext(file_name)[1], delete=False) as out:
		while chunk := handle.read(1 << 20):
			out.write(chunk)
	stream = Stream(file_name, out.name)
	stream.temporary = True
	return stream


class ServiceHistoryImport(TableImport):
	table = "service_history"
	doctype = DOCTYPE
	streaming = True
	fields = HEADER_FIELDS
	extra = (
		("line_no", "Int", ""),
		("job_no", "Int", ""),
		("line_type", "Select", "Labour\nPart\nSublet\nOther"),
		("code", "Data", ""),
		("line_description", "Data", ""),
		("hours", "Float", ""),
		("qty", "Float", ""),
		("rate", "Currency", ""),
		("amount", "Currency", ""),
		("pay_type", "Select", "Customer\nWarranty\nInternal"),
	)
	required = ("vehicle", "ro_no", "service_date")

	def label(self, name):
		labels = {"line_description": _("Line Description"), "line_no": _("Line"), "job_no": _("Job")}
		return labels.get(name) or super().label(name)

	# --- reading ---------------------------------------------------------------------------

	def lines(self, stream: Stream, columns, zh: dict):
		"""(row number, typed values, errors) of every non-blank data row, in pages of PAGE rows whose
		vehicles and customers are looked up together."""
		rows = stream.rows()
		mapping = header_map(next(rows), columns, unknown="ignore")
		page = []
		for row_no, cells in enumerate(rows, start=2):
			raw = {field: (cells[pos] if pos < len(cells) else "") for pos, field in mapping.items()}
			page.append((row_no, raw))
			if len(page) >= PAGE:
				yield from self.check_page(page, zh)
				page = []
		if page:
			yield from self.check_page(page, zh)

	def check_page(self, page, zh):
		typed = []
		for row_no, raw in page:
			values, errors = self.typed(raw, zh)
			vin = (values.get("vehicle") or "").strip().upper()
			values["vehicle"] = vin
			if values.get("odometer") is not None and values["odometer"] < 0:
				errors.append(_("Odometer reading {0} cannot be negative").format(values["odometer"]))
			typed.append((row_no, values, errors))
		vins = {values["vehicle"] for _no, values, _e in typed if values["vehicle"]}
		known = (
			set(frappe.get_all("Motor Vehicle", filters={"name": ("in", list(vins))}, pluck="name"))
			if vins
			else set()
		)
		codes = {values["customer"] for _no, values, _e in typed if values.get("customer")}
		customers = (
			{
				code: code
				for code in frappe.get_all("Customer", filters={"name": ("in", list(codes))}, pluck="name")
			}
			if codes
			else {}
		)
		for row_no, values, errors in typed:
			if values["vehicle"] and values["vehicle"] not in known:
				errors.append(_("Vehicle {0} does not exist").format(values["vehicle"]))
			code = values.get("customer")
			if code:
				if code not in customers:
					customers[code] = customer_of(code)
				if not customers[code]:
					errors.append(
						_("{0} {1} does not exist (neither a customer code nor a mobile number)").format(
							_("Customer"), code
						)
					)
				values["customer"] = customers[code]
			yield row_no, values, errors

	# --- running ---------------------------------------------------------------------------

	def run(self, stream: Stream, outcome, zh: dict, progress=None, dry_run=False, commit=False, done=0):
		"""Check, then (unless a dry run) write; returns the rows done, for the caller's progress."""
		table = self.table
		outcome.counts.setdefault(table, dict.fromkeys(("created", "updated", "unchanged", "failed"), 0))
		columns = self.columns(zh)
		bad: set[int] = set()
		keys: dict[str, tuple[int, str]] = {}  # RO name -> (first row, vehicle), for the visit's rows
		for row_no, values, errors in self.lines(stream, columns, zh):
			done += 1
			if progress:
				progress(done, None)
			name = history_name(values.get("source"), values.get("ro_no") or "")
			if not errors and values.get("ro_no"):
				first = keys.get(name)
				if first and first[1] != values["vehicle"]:
					errors.append(
						_("Repair order {0} is on vehicle {1} in row {2}").format(
							values["ro_no"], first[1], first[0]
						)
					)
				elif not first and len(keys) < 2 * MAX_ROWS:
					keys[name] = (row_no, values["vehicle"])
			if errors:
				bad.add(row_no)
				outcome.counts[table]["failed"] += 1
				if len(outcome.errors) < MAX_ERRORS:
					outcome.errors.append((table, row_no, "; ".join(errors)))
		keys.clear()
		if dry_run:
			return done
		batch = []
		good = (
			(row_no, values)
			for row_no, values, _errors in self.lines(stream, columns, zh)
			if row_no not in bad
		)
		for visit in visits(good):
			batch.append(visit)
			if len(batch) >= BATCH:
				done = self.write(batch, outcome, progress, done, commit)
				batch = []
		if batch:
			done = self.write(batch, outcome, progress, done, commit)
		return done

	def write(self, batch, outcome, progress, done, commit) -> int:
		merged: dict[str, object] = {}
		for visit in batch:
			if visit.name in merged:
				first = merged[visit.name]
				first.lines, _changed = merge_lines(first.lines, visit.lines)
				first.rows += visit.rows
			else:
				merged[visit.name] = visit
		existing = set(frappe.get_all(DOCTYPE, filters={"name": ("in", list(merged))}, pluck="name"))
		new = [visit for name, visit in merged.items() if name not in existing]
		for name in existing:
			visit = merged[name]
			frappe.db.savepoint("dms_history_row")
			try:
				status = self.update(name, visit)
			except (RowError, frappe.ValidationError) as error:
				frappe.db.rollback(save_point="dms_history_row")
				frappe.clear_messages()
				outcome.fail(self.table, visit.rows[0], [str(error)])
				continue
			outcome.count(self.table, status)
		if new:
			self.insert_all(new)
			for _visit in new:
				outcome.count(self.table, "created")
		self.record_services(merged.values())
		if commit:
			frappe.db.commit()
		done += sum(len(visit.rows) for visit in batch)
		if progress:
			progress(done, None)
		return done

	def update(self, name, visit) -> str:
		doc = frappe.get_doc(DOCTYPE, name)
		changed = self.assign(doc, {k: v for k, v in visit.header.items() if k in self.fields})
		lines, lines_changed = merge_lines([line.as_dict() for line in doc.lines], visit.lines)
		if lines_changed:
			doc.set("lines", [{k: line.get(k) for k in LINE_FIELDS} for line in lines])
		if not (changed or lines_changed):
			return "unchanged"
		doc.save(ignore_permissions=True)
		return "updated"

	def insert_all(self, visits_):
		"""New repair orders, one multi-row insert per table (the document's validate does no more
		than name the record and add up its lines, done here the same way)."""
		now, user = now_datetime(), frappe.session.user
		currency = frappe.get_cached_value(
			"Company", frappe.db.get_single_value("DMS Settings", "company"), "default_currency"
		)
		customers = {v.header.get("customer") for v in visits_ if v.header.get("customer")}
		names = (
			dict(
				frappe.get_all(
					"Customer",
					filters={"name": ("in", list(customers))},
					fields=["name", "customer_name"],
					as_list=True,
				)
			)
			if customers
			else {}
		)
		header_fields = (
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"idx",
			*self.fields,
			"customer_name",
			"labour_total",
			"parts_total",
			"sublet_total",
			"total",
		)
		line_fields = (
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"idx",
			"parent",
			"parenttype",
			"parentfield",
			*LINE_FIELDS,
		)
		numbers = {"odometer", "line_no", "job_no", "hours", "qty", "rate", "amount"}  # NOT NULL columns

		def value(row, field):
			found = row.get(field)
			return (0 if field in numbers else None) if found is None else found

		headers, children = [], []
		for visit in visits_:
			head = {**visit.header, "name": visit.name, "currency": visit.header.get("currency") or currency}
			head["customer_name"] = names.get(head.get("customer"))
			head.update(totals(visit.lines))
			headers.append(
				[head["name"], now, now, user, user, 0, 0]
				+ [value(head, field) for field in header_fields[7:]]
			)
			for index, line in enumerate(sorted(visit.lines, key=lambda x: x["line_no"]), start=1):
				children.append(
					[
						frappe.generate_hash(length=10),
						now,
						now,
						user,
						user,
						0,
						index,
						visit.name,
						DOCTYPE,
						"lines",
					]
					+ [
						value(line, field) if field != "line_type" else (line.get(field) or "Labour")
						for field in LINE_FIELDS
					]
				)
		insert_rows(DOCTYPE, header_fields, headers)
		insert_rows(LINE_DOCTYPE, line_fields, children)

	def record_services(self, visits_):
		"""Each vehicle's newest imported visit becomes its last service if newer than its own."""
		newest: dict[str, tuple] = {}
		for visit in visits_:
			vin, day = visit.header.get("vehicle"), visit.header.get("service_date")
			if not vin or not day:
				continue
			odometer = visit.header.get("odometer")
			if vin not in newest or (day, odometer or 0) > (newest[vin][0], newest[vin][1] or 0):
				newest[vin] = (day, odometer)
		if not newest:
			return
		intervals = {}
		vehicles = frappe.get_all(
			"Motor Vehicle", filters={"name": ("in", list(newest))}, fields=list(service_due.VEHICLE_FIELDS)
		)
		for vehicle in vehicles:
			day, odometer = newest[vehicle.name]
			if vehicle.last_service_date and getdate(vehicle.last_service_date) >= getdate(day):
				continue
			values = service_due.visit_values(vehicle, day, odometer)
			vehicle.update(values)
			key = (vehicle.make, vehicle.model)
			if key not in intervals:
				intervals[key] = service_due.interval_for(*key)
			due = service_due.compute(vehicle, intervals[key])
			values.update(next_service_date=due.date, next_service_odometer=due.odometer or 0)
			assignments = ", ".join(f"`{field}` = %({field})s" for field in values)
			frappe.db.sql(
				f"update `tabMotor Vehicle` set {assignments} where name = %(vin)s",
				{**values, "vin": vehicle.name},
			)
		frappe.clear_document_cache("Motor Vehicle")


def insert_rows(doctype: str, fields, rows, chunk: int = 1000):
	"""Multi-row INSERTs of `rows` (sequences in the order of `fields`), `chunk` rows a statement;
	the values go through the driver's escaping (Frappe's bulk_insert builds the same statement
	through pypika, several times slower for 100,000 rows)."""
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	for start in range(0, len(rows), chunk):
		part = rows[start : start + chunk]
		frappe.db.sql(
			f"insert into `tab{doctype}` ({columns}) values {', '.join([placeholders] * len(part))}",
			[value for row in part for value in row],
		)
