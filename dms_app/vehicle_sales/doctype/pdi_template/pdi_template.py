from frappe.model.document import Document


class PDITemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicle_sales.doctype.pdi_template_item.pdi_template_item import PDITemplateItem

		disabled: DF.Check
		items: DF.Table[PDITemplateItem]
		template_name: DF.Data
	# end: auto-generated types
	pass
