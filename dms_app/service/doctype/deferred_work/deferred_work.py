import frappe
from frappe import _
from frappe.model.document import Document


class DeferredWork(Document):
	def validate(self):
		if not self.customer and self.vehicle:
			self.customer = frappe.db.get_value("Motor Vehicle", self.vehicle, "customer")
		if self.status == "Recovered" and not self.recovered_on and not self.flags.ignore_validate:
			frappe.throw(_("Deferred work is recovered by invoicing a repair order that carries it."))
