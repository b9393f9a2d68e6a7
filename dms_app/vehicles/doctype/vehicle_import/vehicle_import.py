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

from dms_app import translation
from dms_app.vehicles.decoding import decode_vin
from dms_app.vehicles.import_rows import ImportFileError, parse, read_table

ENQUEUE_ABOVE = 500  # rows; larger imports run on the long queue


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
		status: DF.Literal["Pending", "Checked", "Imported", "Partly Imported"]
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
		existing = set(
			frappe.get_all(
				"Motor Vehicle", filters={"name": ("in", [row.values["vin"] for row in parsed])}, pluck="name"
			)
		)
		self.rows = []
		for row in parsed:
			errors = row.errors + self.database_errors(row.values, existing)
			# warnings (a wrong check digit, an odd model year) don't stop the row: say so beside it
			notes = errors + [_("Warning: {0}").format(warning) for warning in row.warnings]
			info = row.decoded
			self.append(
				"rows",
				{
					"row_no": row.row_no,
					"vin": row.values.get("vin"),
					"row_status": "Error" if errors else "Valid",
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

	def database_errors(self, values: dict, existing: set) -> list[str]:
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
		self.valid_rows = self.total_rows - self.error_rows
		if self.imported_rows:
			self.status = "Imported" if self.imported_rows == self.total_rows else "Partly Imported"
		else:
			self.status = "Checked"

	def import_rows(self):
		"""Create a vehicle for each clean row; a row that fails now (e.g. its VIN was entered meanwhile)
		is rolled back alone and reported."""
		for row in self.rows:
			if row.row_status != "Valid":
				continue
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
		self.update_counts()
		self.save()

	def vehicle_from(self, values: dict):
		customer = values.get("customer") or self.default_customer
		fields = {
			key: values[key]
			for key in (
				"trim",
				"colour",
				"interior_colour",
				"registration_plate",
				"odometer",
				"odometer_unit",
				"list_price",
				"certificate_no",
			)
			if values.get(key) not in (None, "")
		}
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
