import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles.years import validate_year_range


class VehicleTrim(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicles.doctype.vehicle_trim_colour.vehicle_trim_colour import VehicleTrimColour

		body_type: DF.Literal[
			"",
			"Sedan",
			"Hatchback",
			"Estate",
			"SUV",
			"Crossover",
			"Coupe",
			"Convertible",
			"MPV",
			"Pickup",
			"Van",
			"Truck",
			"Other",
		]
		colours: DF.Table[VehicleTrimColour]
		disabled: DF.Check
		drivetrain: DF.Literal["", "FWD", "RWD", "AWD", "4WD"]
		engine: DF.Data | None
		fuel_type: DF.Literal[
			"",
			"Petrol",
			"Diesel",
			"Hybrid",
			"Plug-in Hybrid",
			"Electric",
			"Range Extender",
			"Hydrogen",
			"LPG",
			"CNG",
		]
		item: DF.Link | None
		list_price: DF.Currency
		make: DF.Link | None
		model: DF.Link
		seats: DF.Int
		transmission: DF.Literal["", "Manual", "Automatic", "DCT", "CVT", "Single-speed"]
		trim_name: DF.Data
		year_from: DF.Int
		year_to: DF.Int
	# end: auto-generated types

	def validate(self):
		validate_year_range(self.year_from, self.year_to)
		if self.item and not frappe.get_cached_value("Item", self.item, "has_serial_no"):
			frappe.throw(
				_("Item {0} must have serial numbers: each unit's serial number is its VIN").format(self.item)
			)

	def before_insert(self):
		if not self.item:
			self.item = self.create_item()

	def on_update(self):
		frappe.db.set_value("Item", self.item, {"is_vehicle": 1, "disabled": self.disabled})

	def create_item(self) -> str:
		"""The serialised ERPNext Item this configuration is bought and sold as."""
		settings = frappe.get_cached_doc("DMS Settings")
		model = frappe.get_cached_doc("Vehicle Model", self.model)
		code = frappe.scrub(f"{model.make} {model.model_name} {self.trim_name}").upper().replace("_", "-")
		if frappe.db.exists("Item", code):
			frappe.throw(_("Item {0} already exists: link it in the Item field instead").format(code))
		item = frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": f"{model.make} {model.model_name} {self.trim_name}"[:140],
				"item_group": settings.vehicle_item_group or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"has_serial_no": 1,
				"is_vehicle": 1,
				"standard_rate": self.list_price,
				"description": f"{model.make} {model.model_name} {self.trim_name}",
			}
		)
		item.insert()
		return item.name
