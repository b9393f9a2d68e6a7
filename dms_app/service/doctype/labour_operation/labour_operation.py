import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.service.labour import default_labour_rate


class LabourOperation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.service.doctype.labour_operation_time.labour_operation_time import LabourOperationTime

		bookable_online: DF.Check
		description: DF.Data
		disabled: DF.Check
		flat_hours: DF.Float
		item: DF.Link
		labour_rate: DF.Currency
		notes: DF.TextEditor | None
		operation_code: DF.Data
		skill: DF.Data | None
		times: DF.Table[LabourOperationTime]
		warranty_flat_hours: DF.Float

	# end: auto-generated types

	def autoname(self):
		self.operation_code = (self.operation_code or "").strip().upper()
		self.name = self.operation_code

	def validate(self):
		self.validate_item()
		if not self.labour_rate and self.item:
			self.labour_rate = default_labour_rate(self.item)
		self.validate_times()

	def validate_item(self):
		if not self.item:
			return  # the mandatory check names the missing field
		is_stock_item, disabled = frappe.db.get_value("Item", self.item, ["is_stock_item", "disabled"])
		if is_stock_item:
			frappe.throw(
				_(
					"Service Item {0} is a stock item; labour must be sold as a non-stock (service) Item"
				).format(frappe.bold(self.item))
			)
		if disabled and not self.disabled:
			frappe.throw(_("Service Item {0} is disabled").format(frappe.bold(self.item)))

	def validate_times(self):
		seen = set()
		for row in self.times:
			if row.model:
				model_make = frappe.db.get_value("Vehicle Model", row.model, "make")
				if row.make and row.make != model_make:
					frappe.throw(
						_("Row {0}: model {1} belongs to make {2}, not {3}").format(
							row.idx, row.model, model_make, row.make
						)
					)
				row.make = model_make
			key = (row.make or "", row.model or "")
			if key in seen:
				frappe.throw(
					_("Row {0}: flat hours for {1} are already given in an earlier row").format(
						row.idx, row.model or row.make or _("all vehicles")
					)
				)
			seen.add(key)
