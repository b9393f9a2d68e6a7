from frappe.model.document import Document


class FloorPlanInterest(Document):
	pass
