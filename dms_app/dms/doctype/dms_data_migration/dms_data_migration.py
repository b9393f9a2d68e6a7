"""A guided migration: attach the export's zip (or one file per table), Dry Run lists every bad row
and writes nothing, Run imports in the background with progress and a log per table. The logic is
in dms_app/data_exchange/migration.py."""

import os

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from dms_app.data_exchange import migration
from dms_app.imports.files import ImportFileError
from dms_app.progress import Progress

MAX_LOGGED_ERRORS = 1000
SYNC_DRY_RUN_BYTES = 2 * 1024 * 1024  # larger files are checked on the long queue


class DMSDataMigration(Document):
	def validate(self):
		self.title = self.file_title()
		if not self.is_new() and (self.has_value_changed("import_file") or self.has_value_changed("table")):
			self.status = "Pending"
			self.results = []
			self.errors = []

	def file_title(self) -> str | None:
		if not self.import_file:
			return None
		name = frappe.db.get_value("File", {"file_url": self.import_file}, "file_name")
		return name or self.import_file.rsplit("/", 1)[-1]

	def file_content(self) -> bytes:
		from dms_app.api import readable_file

		if not frappe.db.exists("File", {"file_url": self.import_file}):
			frappe.throw(_("The import file {0} was not found; attach it again").format(self.import_file))
		content = readable_file(self.import_file).get_content()
		return content.encode() if isinstance(content, str) else content

	def file_path(self) -> str | None:
		"""The file's path on disk, so a large table is streamed from it rather than held whole."""
		from dms_app.api import readable_file

		if not frappe.db.exists("File", {"file_url": self.import_file}):
			return None
		path = readable_file(self.import_file).get_full_path()
		return path if os.path.isfile(path) else None

	def record(self, outcome: migration.Outcome, dry_run: bool):
		self.results = []
		for table, counts in outcome.counts.items():
			self.append("results", {"table_name": table, **counts})
		self.errors = []
		for table, row_no, message in outcome.errors[:MAX_LOGGED_ERRORS]:
			self.append("errors", {"table_name": table, "row_no": row_no, "message": message})
		if len(outcome.errors) > MAX_LOGGED_ERRORS:
			self.append(
				"errors",
				{"message": _("... and {0} more").format(len(outcome.errors) - MAX_LOGGED_ERRORS)},
			)
		failed = any(counts["failed"] for counts in outcome.counts.values())
		self.status = "Checked" if dry_run else ("Completed with Errors" if failed else "Completed")
		self.last_run_on = now_datetime()

	def record_failure(self, message: str):
		self.results = []
		self.errors = []
		self.append("errors", {"row_no": 0, "message": message})
		self.status = "Failed"
		self.last_run_on = now_datetime()


def execute(migration_name: str, dry_run: bool = False, raise_file_errors: bool = True, commit: bool = False):
	"""Check (dry run) or import the migration's file; the results are saved on the document. A file
	that can't be read raises in a dry run (the user sees why at once) and is recorded as Failed in a
	background run; either way nothing is written."""
	frappe.db.get_value("DMS Data Migration", migration_name, "name", for_update=True)
	doc = frappe.get_doc("DMS Data Migration", migration_name)
	title = _("Dry run of {0}") if dry_run else _("Importing {0}")

	meter = {}

	def progress(done, total):
		if "progress" not in meter:
			meter["progress"] = Progress(total, title.format(doc.title), doc.doctype, doc.name)
		meter["progress"](done)

	try:
		path = doc.file_path()
		outcome = migration.migrate(
			doc.title,
			None if path else doc.file_content(),
			doc.table,
			dry_run=dry_run,
			progress=progress,
			path=path,
			commit=commit,
		)
	except ImportFileError as error:
		if dry_run and raise_file_errors:
			frappe.throw(str(error), title=_("Cannot read the import file"))
		doc.record_failure(str(error))
		doc.save(ignore_permissions=True)
		return doc
	doc.record(outcome, dry_run)
	doc.save(ignore_permissions=True)
	return doc


def execute_job(migration_name: str, dry_run: bool = False):
	"""The long-queue job: as `execute`, and the user is told when it is done."""
	doc = execute(migration_name, dry_run, raise_file_errors=False, commit=not dry_run)
	frappe.publish_realtime(
		"msgprint",
		_("Data migration {0}: {1}").format(doc.name, _(doc.status)),
		user=frappe.session.user,
	)
