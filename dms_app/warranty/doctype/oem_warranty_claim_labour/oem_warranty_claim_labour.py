from frappe.model.document import Document


class OEMWarrantyClaimLabour(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		description: DF.Data | None
		labour_operation: DF.Link | None
		labour_rate: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		warranty_hours: DF.Float
	# end: auto-generated types
	pass
