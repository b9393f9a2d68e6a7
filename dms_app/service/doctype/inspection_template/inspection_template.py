from frappe.model.document import Document


class InspectionTemplate(Document):
	pass
