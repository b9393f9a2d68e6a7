import frappe
from frappe import _
from frappe.model.document import Document


class VehicleDocumentType(Document):
	def validate(self):
		if self.pledged_with_financing and frappe.db.exists(
			"Vehicle Document Type", {"pledged_with_financing": 1, "name": ("!=", self.name)}
		):
			frappe.throw(_("Only one document type is pledged with floor-plan financing"))
