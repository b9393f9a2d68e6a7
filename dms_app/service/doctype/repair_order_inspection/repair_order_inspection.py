from frappe.model.document import Document


class RepairOrderInspection(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer_decision: DF.Literal["", "Approved", "Declined"]
		deferred: DF.Check
		item: DF.Data
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rating: DF.Literal["Green", "Amber", "Red"]
	# end: auto-generated types
	pass
