import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles import documents


class VehicleDocumentMovement(Document):
	def validate(self):
		if not self.flags.by_code and (self.reference_doctype or self.reference_name):
			self.reference_doctype = self.reference_name = None  # only the code's movements name a cause
		current = frappe.db.get_value(
			"Vehicle Document", documents.name_of(self.vin, self.document_type), "location"
		)
		if self.docstatus == 0 and (current or "") == self.to_location:
			frappe.throw(
				_("The {0} of vehicle {1} is already at {2}").format(
					_(self.document_type), self.vin, _(self.to_location)
				)
			)

	def on_submit(self):
		documents.apply_movement(self)

	def on_cancel(self):
		documents.revert_movement(self)
