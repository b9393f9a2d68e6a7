from frappe.model.document import Document

from dms_app.floor_plan import financing


class FloorPlanFinancing(Document):
	def validate(self):
		financing.validate(self)

	def on_submit(self):
		financing.on_submit(self)

	def before_cancel(self):
		financing.before_cancel(self)

	def on_cancel(self):
		# the certificate's movements are its history: they stay, naming the financing
		self.ignore_linked_doctypes = ("Vehicle Document Movement", "Vehicle Document")
		financing.on_cancel(self)
