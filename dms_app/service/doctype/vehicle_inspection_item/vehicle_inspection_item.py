from frappe.model.document import Document


class VehicleInspectionItem(Document):
	pass
