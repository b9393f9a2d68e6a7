import frappe
from frappe import _
from frappe.model.document import Document


class WarrantyPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		component_group: DF.Literal[
			"Basic",
			"Powertrain",
			"Corrosion",
			"EV Battery",
			"Hybrid System",
			"Emissions",
			"Roadside Assistance",
			"Other",
		]
		description: DF.SmallText | None
		disabled: DF.Check
		distance_km: DF.Int
		make: DF.Link
		model: DF.Link | None
		months: DF.Int
		policy_name: DF.Data

	# end: auto-generated types
	def validate(self):
		if self.months <= 0:
			frappe.throw(_("A warranty policy needs a duration of at least one month"))
		if self.model and frappe.db.get_value("Vehicle Model", self.model, "make") != self.make:
			frappe.throw(_("Model {0} is not a {1} model").format(self.model, self.make))
