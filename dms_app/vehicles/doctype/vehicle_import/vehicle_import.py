"""Bulk import of VINs: each row is decoded and checked when the file is attached, rows with errors
are listed with their reasons, and only clean rows ever become Motor Vehicle records.

Imported vehicles carry no stock: customer vehicles (serviced here) are "In Service"; new vehicles the
OEM assigned are "Ordered" until a Purchase Receipt brings them in, since stock moves only through
ERPNext documents.
"""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_datetime

from dms_app import translation
from dms_app.progress import Progress
from dms_app.vehicles.decoding import decode_vin
from dms_app.vehicles.import_rows import ImportFileError, parse, read_table

ENQUEUE_ABOVE = 500  # rows; larger imports run on the long queue
# the file's columns a vehicle is made from (besides vin and customer)
VEHICLE_FIELDS = (
	"trim",
	"colour",
	"interior_colour",
	"registration_plate",
	"odometer",
	"odometer_unit",
	"list_price",
	"certificate_no",
)


class VehicleImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicles.doctype.vehicle_import_row.vehicle_import_row import VehicleImportRow

		default_customer: DF.Link | None
		error_rows: DF.Int
		import_file: DF.Attach
		imported_rows: DF.Int
		rows: DF.Table[VehicleImportRow]
		status: DF.Literal["Pending", "Checked", "Queued", "Running", "Imported", "Partly Imported"]
		stock_type: DF.Literal["Customer", "New"]
		title: DF.Data | None
		total_rows: DF.Int
		valid_rows: DF.Int
	# end: auto-generated types

	def validate(self):
		self.title = self.file_title()
		if self.is_new() or any(
			self.has_value_changed(field) for field in ("import_file", "stock_type", "default_customer")
		):
			self.check_rows()

	def check_rows(self):
		"""Decode and check every row of the file; nothing but this document is written."""
		if self.imported_rows:
			frappe.throw(_("This import has already created vehicles; start a new import for another file"))
		translation.set_translator(_)
		try:
			table = read_table(self.import_file, self.file_content())
			parsed = parse(table, decode_vin)
		except ImportFileError as error:
			frappe.throw(str(error), title=_("Cannot read the import file"))
		existing = {
			vehicle.name: vehicle
			for vehicle in frappe.get_all(
				"Motor Vehicle",
				filters={"name": ("in", [row.values["vin"] for row in parsed])},
				fields=["name", "customer", *VEHICLE_FIELDS],
			)
		}
		self.rows = []
		for row in parsed:
			unchanged = False
			if row.values.get("vin") in existing and not row.errors:
				errors, unchanged = self.existing_vehicle_errors(row.values, existing[row.values["vin"]])
			else:
				errors = row.errors + self.database_errors(row.values, existing)
			# warnings (a wrong check digit, an odd model year) don't stop the row: say so beside it
			notes = errors + [_("Warning: {0}").format(warning) for warning in row.warnings]
			if unchanged:
				notes.insert(0, _("VIN {0} is already on file with the same data").format(row.values["vin"]))
			info = row.decoded
			self.append(
				"rows",
				{
					"row_no": row.row_no,
					"vin": row.values.get("vin"),
					"row_status": "Error" if errors else "Unchanged" if unchanged else "Valid",
					"message": "; ".join(notes) or None,
					"make": info.make if info else None,
					"model_year": info.model_year if info else None,
					"data": json.dumps(row.values),
				},
			)
		self.update_counts()

	def file_title(self) -> str | None:
		"""The attached file's own name ("july_stock.csv"), not its path on the site."""
		if not self.import_file:
			return None
		name = frappe.db.get_value("File", {"file_url": self.import_file}, "file_name")
		return name or self.import_file.rsplit("/", 1)[-1]

	def file_content(self) -> bytes:
		file_name = frappe.db.get_value("File", {"file_url": self.import_file}, "name")
		if not file_name:
			frappe.throw(_("The import file {0} was not found; attach it again").format(self.import_file))
		content = frappe.get_doc("File", file_name).get_content()
		return content.encode() if isinstance(content, str) else content

	def existing_vehicle_errors(self, values: dict, vehicle) -> tuple[list[str], bool]:
		"""A VIN already on file is not imported again: the same file imported twice changes nothing.
		When every value the file gives matches the vehicle, the row is "Unchanged"; a value that
		differs is an error naming it (the import never overwrites a vehicle: edit it instead)."""
		customer = values.get("customer") or (
			self.default_customer if self.stock_type == "Customer" else None
		)
		given = {key: values[key] for key in VEHICLE_FIELDS if values.get(key) not in (None, "")}
		if customer:
			given["customer"] = customer
		differences = [
			_("{0} is {1} on file, {2} in the file").format(key, vehicle.get(key) or "-", value)
			for key, value in given.items()
			if str(vehicle.get(key) or "") != str(value)
			and not (isinstance(value, int | float) and flt(vehicle.get(key)) == flt(value))
		]
		if differences:
			return [
				_("VIN {0} is already on file with other data: {1}").format(
					values["vin"], "; ".join(differences)
				)
			], False
		return [], True

	def database_errors(self, values: dict, existing) -> list[str]:
		errors = []
		vin = values.get("vin")
		if vin in existing:
			errors.append(_("VIN {0} is already on file").format(vin))
		trim = values.get("trim")
		if trim and not frappe.db.exists("Vehicle Trim", trim):
			errors.append(_("trim {0} does not exist").format(trim))
		elif not trim and self.stock_type == "New":
			errors.append(_("new vehicles need a trim (it gives the Item they will be received as)"))
		customer = values.get("customer") or (
			self.default_customer if self.stock_type == "Customer" else None
		)
		if customer and not frappe.db.exists("Customer", customer):
			errors.append(_("customer {0} does not exist").format(customer))
		elif not customer and self.stock_type == "Customer":
			errors.append(_("no customer: fill the customer column or the default customer"))
		return errors

	def update_counts(self):
		self.total_rows = len(self.rows)
		self.error_rows = sum(row.row_status == "Error" for row in self.rows)
		self.imported_rows = sum(row.row_status == "Imported" for row in self.rows)
		unchanged = sum(row.row_status == "Unchanged" for row in self.rows)
		self.valid_rows = self.total_rows - self.error_rows - unchanged  # to import, or imported
		if self.imported_rows:
			done = self.imported_rows + unchanged
			self.status = "Imported" if done == self.total_rows else "Partly Imported"
		else:
			self.status = "Checked"

	def import_rows(self):
		"""Create a vehicle for each clean row; a row that fails now (e.g. its VIN was entered meanwhile)
		is rolled back alone and reported. The desk shows its progress on the open import."""
		todo = [row for row in self.rows if row.row_status == "Valid"]
		progress = Progress(len(todo), _("Importing vehicles"), self.doctype, self.name)
		for done, row in enumerate(todo):
			progress(done, _("{0} of {1} vehicles").format(done, len(todo)))
			frappe.db.savepoint("vehicle_import_row")
			try:
				row.vehicle = self.vehicle_from(json.loads(row.data)).insert().name
				row.row_status = "Imported"
			except frappe.DuplicateEntryError:
				frappe.db.rollback(save_point="vehicle_import_row")
				row.row_status, row.message = "Error", _("VIN {0} is already on file").format(row.vin)
			except frappe.ValidationError as error:
				frappe.db.rollback(save_point="vehicle_import_row")
				frappe.clear_last_message()
				row.row_status, row.message = "Error", str(error)
		progress(len(todo), _("{0} of {1} vehicles").format(len(todo), len(todo)))
		self.update_counts()
		self.save()

	def vehicle_from(self, values: dict):
		customer = values.get("customer") or self.default_customer
		fields = {key: values[key] for key in VEHICLE_FIELDS if values.get(key) not in (None, "")}
		vehicle = {"doctype": "Motor Vehicle", "vin": values["vin"], "stock_type": self.stock_type, **fields}
		if self.stock_type == "Customer":
			vehicle["customer"] = customer
		return frappe.get_doc(vehicle)


def run_import(vehicle_import: str):
	"""Import the clean rows once: a second concurrent run waits, then finds them imported."""
	frappe.db.get_value("Vehicle Import", vehicle_import, "name", for_update=True)
	doc = frappe.get_doc("Vehicle Import", vehicle_import)
	doc.import_rows()
	return doc


# --- on the long queue: queued, claimed, retried when its worker died (README "Faults and retries")

JOB_TIMEOUT = 4 * 3600


def job_id(vehicle_import: str) -> str:
	return f"vehicle_import::{vehicle_import}"


def enqueue_import(vehicle_import: str):
	"""Mark the import Queued and enqueue it once its caller's transaction commits."""
	frappe.db.set_value("Vehicle Import", vehicle_import, "status", "Queued")
	frappe.enqueue(
		"dms_app.vehicles.doctype.vehicle_import.vehicle_import.run_queued_import",
		queue="long",
		timeout=JOB_TIMEOUT,
		job_id=job_id(vehicle_import),
		deduplicate=not frappe.flags.in_test,
		now=frappe.flags.in_test,
		enqueue_after_commit=True,
		vehicle_import=vehicle_import,
	)


def run_queued_import(vehicle_import: str):
	"""The job: claim the import (Running, committed, so a dead worker's import is seen as stale), then
	import its rows in one transaction under the import's row lock; a killed worker leaves no vehicle
	and the hourly retry_imports runs it again. An import another live worker runs is left to it."""
	from dms_app.jobs import stale_before

	row = frappe.db.get_value(
		"Vehicle Import", vehicle_import, ["status", "modified"], as_dict=True, for_update=True
	)
	if not row or row.status not in ("Queued", "Running"):
		return None  # imported meanwhile, or never queued
	if row.status == "Running" and get_datetime(row.modified) > stale_before():
		return None
	frappe.db.set_value("Vehicle Import", vehicle_import, "status", "Running")
	if not frappe.flags.in_test:
		frappe.db.commit()
	return run_import(vehicle_import)


def retry_imports():
	"""Hourly: enqueue again the imports left Queued or Running with no change for DMS Settings'
	planning_stale_minutes: their job was lost or their worker died."""
	from dms_app.jobs import enqueue_again, stale_before

	for name in frappe.get_all(
		"Vehicle Import",
		filters={"status": ("in", ("Queued", "Running")), "modified": ("<", stale_before())},
		pluck="name",
	):
		enqueue_again(
			"dms_app.vehicles.doctype.vehicle_import.vehicle_import.run_queued_import",
			job_id(name),
			timeout=JOB_TIMEOUT,
			vehicle_import=name,
		)
