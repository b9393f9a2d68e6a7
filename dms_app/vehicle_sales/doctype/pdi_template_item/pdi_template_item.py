from frappe.model.document import Document


class PDITemplateItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		check_item: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		section: DF.Data | None
	# end: auto-generated types
	pass
