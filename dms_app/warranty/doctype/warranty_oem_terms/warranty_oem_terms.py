import frappe
from frappe import _
from frappe.model.document import Document


class WarrantyOEMTerms(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		labour_rate: DF.Currency
		make: DF.Link
		oem_customer: DF.Link
		parts_handling_percent: DF.Percent
		sublet_handling_percent: DF.Percent
		submission_window_days: DF.Int

	# end: auto-generated types
	def validate(self):
		self.oem_customer = self.oem_customer or frappe.db.get_value(
			"Vehicle Make", self.make, "warranty_customer"
		)
		if not self.oem_customer:
			frappe.throw(
				_("Select the OEM Customer that warranty claims for {0} are invoiced to").format(self.make)
			)
