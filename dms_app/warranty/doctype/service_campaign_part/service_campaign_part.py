from frappe.model.document import Document


class ServiceCampaignPart(Document):
	pass
