from frappe.model.document import Document


class FloorPlanInterestVehicle(Document):
	pass
