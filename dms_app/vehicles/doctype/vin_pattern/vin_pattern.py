import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles.decoding import clear_site_data
from dms_app.vehicles.years import validate_year_range

ALLOWED = set("ABCDEFGHJKLMNPRSTUVWXYZ0123456789*")


class VINPattern(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

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
		make: DF.Link
		model: DF.Link | None
		priority: DF.Int
		transmission: DF.Literal["", "Manual", "Automatic", "DCT", "CVT", "Single-speed"]
		trim: DF.Link | None
		vds_pattern: DF.Data
		wmi: DF.Data | None
		year_from: DF.Int
		year_to: DF.Int
	# end: auto-generated types

	def validate(self):
		self.vds_pattern = (self.vds_pattern or "").strip().upper()
		if len(self.vds_pattern) != 5 or not set(self.vds_pattern) <= ALLOWED:
			frappe.throw(
				_(
					"VDS pattern {0} must be 5 characters (VIN positions 4-8): letters other than I, O, Q, digits or *"
				).format(self.vds_pattern)
			)
		self.wmi = (self.wmi or "").strip().upper() or None
		validate_year_range(self.year_from, self.year_to)
		if self.trim and not self.model:
			self.model = frappe.db.get_value("Vehicle Trim", self.trim, "model")

	def on_update(self):
		clear_site_data()

	def on_trash(self):
		clear_site_data()
