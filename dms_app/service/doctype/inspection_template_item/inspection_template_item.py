from frappe.model.document import Document


class InspectionTemplateItem(Document):
	pass
