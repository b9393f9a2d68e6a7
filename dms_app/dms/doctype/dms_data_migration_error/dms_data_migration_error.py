from frappe.model.document import Document


class DMSDataMigrationError(Document):
	pass
