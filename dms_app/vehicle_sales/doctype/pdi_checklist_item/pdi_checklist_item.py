from frappe.model.document import Document


class PDIChecklistItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		check_item: DF.Data
		notes: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		result: DF.Literal["", "Pass", "Fail", "N/A"]
		section: DF.Data | None
	# end: auto-generated types
	pass
