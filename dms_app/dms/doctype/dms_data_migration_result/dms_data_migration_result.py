from frappe.model.document import Document


class DMSDataMigrationResult(Document):
	pass
