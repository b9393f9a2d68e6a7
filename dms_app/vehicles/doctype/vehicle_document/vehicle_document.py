from frappe.model.document import Document


class VehicleDocument(Document):
	"""Where one of a vehicle's documents is (dms_app/vehicles/documents.py); moved by movements only."""
