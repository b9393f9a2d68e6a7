from frappe.model.document import Document


class VehicleServiceHistoryLine(Document):
	pass
