import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles.decoding import validate_vin
from dms_app.vehicles.lifecycle import VehicleFacts, derive_status

DECODED_FIELDS = {
	# VinInfo attribute -> Motor Vehicle field, filled only where the user left it empty
	"model_year": "model_year",
	"body": "body_type",
	"engine": "engine",
	"fuel": "fuel_type",
	"transmission": "transmission",
}


class MotorVehicle(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		body_type: DF.Data | None
		certificate_location: DF.Literal["", "Dealer", "Lender (Pledged)", "OEM", "Customer"]
		certificate_no: DF.Data | None
		colour: DF.Data | None
		company: DF.Link | None
		country_of_manufacture: DF.Data | None
		customer: DF.Link | None
		decode_notes: DF.SmallText | None
		delivery_date: DF.Date | None
		delivery_doctype: DF.Link | None
		delivery_note: DF.DynamicLink | None
		engine: DF.Data | None
		fuel_type: DF.Data | None
		interior_colour: DF.Data | None
		item: DF.Link | None
		landed_cost: DF.Currency
		last_service_date: DF.Date | None
		last_service_odometer: DF.Int
		list_price: DF.Currency
		make: DF.Link | None
		manufacturer: DF.Data | None
		model: DF.Link | None
		model_year: DF.Int
		next_service_date: DF.Date | None
		next_service_odometer: DF.Int
		odometer: DF.Int
		odometer_unit: DF.Literal["km", "mi"]
		oem_order: DF.Link | None
		pdi_date: DF.Date | None
		pdi_status: DF.Literal["Pending", "Passed", "Failed", "Not Required"]
		pipeline_status: DF.Literal["", "Ordered", "In Transit"]
		plant_code: DF.Data | None
		purchase_cost: DF.Currency
		purchase_receipt: DF.Link | None
		registration_plate: DF.Data | None
		reserved_for: DF.Link | None
		sales_invoice: DF.Link | None
		sales_order: DF.Link | None
		serial_no: DF.Link | None
		status: DF.Literal[
			"Ordered", "In Transit", "In Stock", "Reserved", "Sold", "Delivered", "In Service", "Scrapped"
		]
		stock_in_date: DF.Date | None
		stock_type: DF.Literal["New", "Used", "Customer"]
		transmission: DF.Data | None
		trim: DF.Link | None
		vin: DF.Data
		warehouse: DF.Link | None
		warranty_start_date: DF.Date | None
	# end: auto-generated types

	def autoname(self):
		self.vin = (self.vin or "").strip().upper()
		self.name = self.vin

	def validate(self):
		if self.is_new() or self.has_value_changed("vin"):
			self.apply_decoding()
		self.fill_from_trim()
		self.status = derive_status(self.facts())

	def apply_decoding(self):
		info = validate_vin(self.vin)
		self.vin = info.vin
		self.manufacturer = info.manufacturer
		self.country_of_manufacture = info.country
		self.plant_code = info.plant_code
		self.decode_notes = "\n".join(info.warnings) or None
		if info.make and not self.make and self.record_exists("Vehicle Make", info.make):
			self.make = info.make
		if info.model and not self.model and self.record_exists("Vehicle Model", info.model):
			self.model = info.model
		if info.trim and not self.trim and self.record_exists("Vehicle Trim", info.trim):
			self.trim = info.trim
		for attribute, field in DECODED_FIELDS.items():
			value = getattr(info, attribute)
			if value and not self.get(field):
				self.set(field, value)

	def record_exists(self, doctype: str, name: str) -> bool:
		"""Whether a decoded make, model or trim is on the site; a bulk receipt passes what it looked up
		for its batch (dms_app.vehicles.receiving.decoded_records)."""
		known = self.flags.known_records
		if known is not None:
			return name.casefold() in known[doctype]
		return bool(frappe.db.exists(doctype, name))

	def fill_from_trim(self):
		if not self.trim:
			return
		trim = frappe.get_cached_doc("Vehicle Trim", self.trim)
		if self.model and self.model != trim.model:
			frappe.throw(
				_("Trim {0} belongs to model {1}, not {2}").format(trim.name, trim.model, self.model)
			)
		self.model = trim.model
		self.make = trim.make
		self.item = self.item or trim.item
		for field in ("body_type", "engine", "fuel_type", "transmission"):
			if not self.get(field) and trim.get(field):
				self.set(field, trim.get(field))
		if not self.list_price:
			self.list_price = trim.list_price

	def facts(self) -> VehicleFacts:
		return VehicleFacts(
			stock_type=self.stock_type,
			pipeline_status=self.status,
			in_stock=bool(self.warehouse),
			reserved=bool(self.sales_order),
			invoiced=bool(self.sales_invoice),
			delivered=bool(self.delivery_note),
			scrapped=self.status == "Scrapped",
		)
