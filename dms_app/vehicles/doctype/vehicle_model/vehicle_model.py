from frappe.model.document import Document

from dms_app.vehicles.years import validate_year_range


class VehicleModel(Document):
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
		description: DF.SmallText | None
		make: DF.Link
		model_name: DF.Data
		vehicle_segment: DF.Data | None
		year_from: DF.Int
		year_to: DF.Int
	# end: auto-generated types

	def validate(self):
		validate_year_range(self.year_from, self.year_to)
