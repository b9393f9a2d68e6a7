import frappe
from frappe import _
from frappe.model.document import Document


class ServiceInterval(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		distance_km: DF.Int
		make: DF.Link
		model: DF.Link | None
		months: DF.Int

	# end: auto-generated types

	def autoname(self):
		self.name = self.model or self.make

	def validate(self):
		if self.model:
			model_make = frappe.db.get_value("Vehicle Model", self.model, "make")
			if self.make and self.make != model_make:
				frappe.throw(
					_("Model {0} belongs to make {1}, not {2}").format(self.model, model_make, self.make)
				)
			self.make = model_make
		if not self.months and not self.distance_km:
			frappe.throw(_("Give the interval in months, in km or both"))

	def on_update(self):
		from dms_app.service.service_due import refresh_models

		refresh_models(self.make, self.model)

	def after_delete(self):
		from dms_app.service.service_due import refresh_models

		refresh_models(self.make, self.model)
