from frappe.model.document import Document


class ServiceCampaignRange(Document):
	pass
