"""The full export of the dealer's DMS data as a zip (see `archive.py` for the files, `tables.py`
for the tables): one function, `export_to`, behind DMS Settings' "Export all DMS data" button
(`run_export`, on the long queue) and `./dms export` (`export_to_path`).

Columns are the DocType's own (its meta, at the time of the export): `name`, the data fields in form
order, and for child tables `parent` and `idx`. Rows are read in pages of `CHUNK` by name, so memory
stays flat.
"""

import os

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.translate import get_all_translations
from frappe.utils import now_datetime

from dms_app.data_exchange.archive import Column, ExportArchive, TableSchema
from dms_app.data_exchange.tables import TABLES, ChildTable, Table, child_tables
from dms_app.progress import Progress

CHUNK = 1000
EXPORT_ROLES = ("System Manager", "DMS Manager")

STANDARD = {
	# fieldname: (type, label) for columns that are not DocFields
	"name": ("Data", "ID"),
	"parent": ("Data", "Parent"),
	"idx": ("Int", "Row"),
	"docstatus": ("Int", "Document Status"),
	"creation": ("Datetime", "Created On"),
	"modified": ("Datetime", "Last Updated On"),
}


def all_tables() -> list[Table | ChildTable]:
	"""The export's tables whose DocType exists on this site, each parent followed by its children."""
	found = []
	for table in TABLES:
		if not frappe.db.exists("DocType", table.doctype):
			continue
		found.append(table)
		meta = frappe.get_meta(table.doctype)
		found += child_tables(table, [(df.fieldname, df.options) for df in meta.get_table_fields()])
	return found


def table_schema(table: Table | ChildTable, zh: dict | None = None) -> TableSchema:
	"""The columns of `table` from its DocType's meta, labelled in English and Chinese."""
	zh = get_all_translations("zh") if zh is None else zh
	meta = frappe.get_meta(table.doctype)

	def standard(fieldname):
		kind, label = STANDARD[fieldname]
		return Column(fieldname, kind, label, zh.get(label, ""))

	columns = [standard("name")]
	if isinstance(table, ChildTable):
		columns += [standard("parent"), standard("idx")]
	elif meta.is_submittable:
		columns.append(standard("docstatus"))
	stored = set(frappe.db.get_table_columns(table.doctype))  # not virtual fields, nor any not migrated yet
	for df in meta.fields:
		if df.fieldtype in no_value_fields or df.fieldtype in table_fields or df.fieldname in STANDARD:
			continue
		if df.fieldname not in stored:
			continue
		label = df.label or df.fieldname
		columns.append(Column(df.fieldname, df.fieldtype, label, zh.get(label, ""), df.options or ""))
	if isinstance(table, Table) and table.linked_to:
		label = table.linked_to
		columns.append(Column(frappe.scrub(label), "Link", label, zh.get(label, ""), label))
	if not isinstance(table, ChildTable):
		columns += [standard("creation"), standard("modified")]
	return TableSchema(
		table=table.name,
		doctype=table.doctype,
		natural_key=list(table.key),
		columns=columns,
		parent_table=table.parent.name if isinstance(table, ChildTable) else None,
	)


def table_rows(table: Table | ChildTable, schema: TableSchema):
	"""The rows of `table` as tuples in the schema's column order, read CHUNK at a time by name."""
	fields = [column.fieldname for column in schema.columns]
	if isinstance(table, Table) and table.linked_to:
		yield from _linked_rows(table, fields)
		return
	# SQL rather than frappe.get_all, which leaves out some fields it is asked for (and so would
	# shift the columns); the names come from the meta and the table, never from the user
	where, values = "", {"chunk": CHUNK}
	if isinstance(table, ChildTable):
		where = "parenttype = %(parenttype)s and parentfield = %(parentfield)s and"
		values.update(parenttype=table.parent.doctype, parentfield=table.parentfield)
	columns = ", ".join(f"`{field}`" for field in fields)
	last = ""
	while True:
		page = frappe.db.sql(
			f"""select {columns} from `tab{table.doctype}`
			where {where} name > %(last)s order by name limit %(chunk)s""",
			{**values, "last": last},
		)
		yield from page
		if len(page) < CHUNK:
			return
		last = page[-1][0]


def _linked_rows(table: Table, fields: list[str]):
	"""Contacts / addresses linked to a record of `table.linked_to`, with that record's name (the
	column before `creation` and `modified`)."""
	own = [f"t.`{field}`" for field in fields]
	own[-3] = "link.link_name"
	last = ""
	while True:
		page = frappe.db.sql(
			f"""select {", ".join(own)}
			from `tab{table.doctype}` t
			join (
				select parent, min(link_name) as link_name from `tabDynamic Link`
				where parenttype = %(doctype)s and link_doctype = %(linked_to)s group by parent
			) link on link.parent = t.name
			where t.name > %(last)s order by t.name limit %(chunk)s""",
			{"doctype": table.doctype, "linked_to": table.linked_to, "last": last, "chunk": CHUNK},
		)
		yield from page
		if len(page) < CHUNK:
			return
		last = page[-1][0]


def export_to(target, progress=None) -> dict:
	"""Write every table into the zip `target` (a path or a binary file); returns {table: rows}.

	`progress(done, total, table)` is called before each table."""
	zh = get_all_translations("zh")
	tables = all_tables()
	counts = {}
	meta = {
		"site": frappe.local.site,
		"company": frappe.db.get_single_value("DMS Settings", "company"),
		"exported_at": str(now_datetime().replace(microsecond=0)),
		"exported_by": frappe.session.user,
		"app_version": frappe.get_attr("dms_app.__version__"),
	}
	with ExportArchive(target, meta) as archive:
		for index, table in enumerate(tables):
			if progress:
				progress(index, len(tables), table.name)
			schema = table_schema(table, zh)
			counts[table.name] = archive.write_table(schema, table_rows(table, schema))
		if frappe.db.exists("DocType", "Vehicle Service History"):
			schema = history_schema(zh)
			counts[schema.table] = archive.write_table(schema, history_rows())
	return counts


# --- service history ---------------------------------------------------------------------------

HISTORY_COLUMNS = (
	# (column, type, label): the flat lines file the migration reads back as service history
	("vehicle", "Link", "Vehicle (VIN)"),
	("registration_plate", "Data", "Registration"),
	("customer", "Link", "Customer"),
	("source", "Data", "Source System"),
	("ro_no", "Data", "Old RO Number"),
	("service_date", "Date", "Service Date"),
	("odometer", "Int", "Odometer"),
	("advisor", "Data", "Service Advisor"),
	("currency", "Link", "Currency"),
	("description", "Data", "Work Done"),
	("line_no", "Int", "Line"),
	("job_no", "Int", "Job"),
	("line_type", "Data", "Line Type"),
	("code", "Data", "Operation / Part Code"),
	("line_description", "Data", "Line Description"),
	("hours", "Float", "Hours"),
	("qty", "Float", "Qty"),
	("rate", "Currency", "Rate"),
	("amount", "Currency", "Amount"),
	("pay_type", "Data", "Pay Type"),
)


def history_schema(zh: dict) -> TableSchema:
	return TableSchema(
		table="service_history",
		doctype="Vehicle Service History",
		natural_key=["source", "ro_no", "line_no"],
		columns=[Column(name, kind, label, zh.get(label, "")) for name, kind, label in HISTORY_COLUMNS],
	)


def history_rows():
	"""`service_history.csv`: the site's finished repair orders (completed, invoiced or closed; declined
	lines left out) as the flat lines of past repair orders, with this site as their source, then the service
	history it imported itself; CHUNK repair orders at a time."""
	source = frappe.local.site
	last = ""
	while True:
		orders = frappe.db.sql(
			"""select name, vehicle, registration_plate, customer, date(coalesce(completed_on, opened_on)),
			odometer_in, service_advisor, currency
			from `tabRepair Order` where name > %(last)s and docstatus < 2
			and status in ('Completed', 'Invoiced', 'Closed') order by name limit %(chunk)s""",
			{"last": last, "chunk": CHUNK},
		)
		if not orders:
			break
		lines: dict[str, list] = {}
		names = [order[0] for order in orders]
		for query in (
			"select parent, job_no, 'Labour', labour_operation, description, flat_hours, null, rate, amount, pay_type from `tabRepair Order Labour`",
			"select parent, job_no, 'Part', item_code, item_name, null, qty, rate, amount, pay_type from `tabRepair Order Part`",
			"select parent, job_no, 'Sublet', supplier, description, null, null, null, amount, pay_type from `tabRepair Order Sublet`",
		):
			for row in frappe.db.sql(
				f"""{query} where parenttype = 'Repair Order' and parent in %(names)s
				and ifnull(approval_status, '') != 'Declined' order by parent, idx""",
				{"names": names},
			):
				lines.setdefault(row[0], []).append(row[1:])
		for order in orders:
			header = (*order[1:4], source, order[0], order[4], order[5] or None, order[6], order[7], None)
			for line_no, line in enumerate(lines.get(order[0], ()), start=1):
				yield (*header, line_no, *line)
			if order[0] not in lines:
				yield (*header, *([None] * 10))  # a visit without lines is still history
		if len(orders) < CHUNK:
			break
		last = orders[-1][0]
	yield from frappe.db.sql(
		"""select h.vehicle, h.registration_plate, h.customer, h.source, h.ro_no, h.service_date, h.odometer,
		h.advisor, h.currency, h.description, l.line_no, l.job_no, l.line_type, l.code, l.description,
		l.hours, l.qty, l.rate, l.amount, l.pay_type
		from `tabVehicle Service History` h join `tabVehicle Service History Line` l on l.parent = h.name
		and l.parenttype = 'Vehicle Service History' order by h.name, l.idx""",
		as_iterator=True,
	)


def export_to_path(path: str) -> dict:
	"""`./dms export`: the zip at `path` (made absolute by the caller); prints what it wrote. A
	failed export leaves no file."""
	try:
		counts = export_to(path)
	except BaseException:
		if os.path.exists(path):
			os.remove(path)
		raise
	print(f"{sum(counts.values())} rows in {len(counts)} tables written to {path}")
	return counts


def check_export_permission(user: str | None = None) -> None:
	if not set(EXPORT_ROLES) & set(frappe.get_roles(user)):
		frappe.throw(
			_("Only a System Manager or DMS Manager may export all DMS data"), frappe.PermissionError
		)


def run_export(user: str | None = None) -> str:
	"""The background job of the DMS Settings button: the zip as a private File attached to DMS
	Settings; the user gets a desk notification and a message with the link. Returns the file URL."""
	check_export_permission(user)
	title = _("Exporting DMS data")
	file_name = f"dms-export-{frappe.scrub(frappe.local.site)}-{now_datetime():%Y%m%d-%H%M%S}.zip"
	path = frappe.get_site_path("private", "files", file_name)
	os.makedirs(os.path.dirname(path), exist_ok=True)

	meter = Progress(len(all_tables()), title, step=1)

	def progress(done, _total, table):
		meter(done, table)

	try:
		counts = export_to(path, progress)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"file_url": f"/private/files/{file_name}",
				"is_private": 1,
				"attached_to_doctype": "DMS Settings",
				"attached_to_name": "DMS Settings",
			}
		).insert(ignore_permissions=True)
	except Exception:
		if os.path.exists(path):
			os.remove(path)
		raise
	meter(meter.total)
	subject = _("The DMS data export is ready: {0} rows in {1} tables").format(
		sum(counts.values()), len(counts)
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": frappe.session.user,
			"type": "Alert",
			"document_type": "DMS Settings",
			"document_name": "DMS Settings",
			"subject": subject,
			"email_content": f'<a href="{file.file_url}">{file_name}</a>',
		}
	).insert(ignore_permissions=True)
	frappe.publish_realtime(
		"msgprint", f'{subject}: <a href="{file.file_url}">{file_name}</a>', user=frappe.session.user
	)
	return file.file_url
