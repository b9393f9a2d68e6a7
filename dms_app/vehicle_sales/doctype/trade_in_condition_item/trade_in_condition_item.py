from frappe.model.document import Document


class TradeinConditionItem(Document):
	pass
