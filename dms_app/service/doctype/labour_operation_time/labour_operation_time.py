from frappe.model.document import Document


class LabourOperationTime(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		flat_hours: DF.Float
		make: DF.Link | None
		model: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		warranty_flat_hours: DF.Float
	# end: auto-generated types

	pass
