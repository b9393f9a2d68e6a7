from frappe.model.document import Document

from dms_app.service import inspections


class VehicleInspection(Document):
	def validate(self):
		inspections.validate(self)

	def before_submit(self):
		inspections.before_submit(self)

	def on_submit(self):
		inspections.on_submit(self)

	def on_cancel(self):
		inspections.on_cancel(self)
