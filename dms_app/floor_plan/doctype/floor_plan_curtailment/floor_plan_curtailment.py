from frappe.model.document import Document


class FloorPlanCurtailment(Document):
	pass
