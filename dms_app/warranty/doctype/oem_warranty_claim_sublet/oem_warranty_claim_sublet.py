from frappe.model.document import Document


class OEMWarrantyClaimSublet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		cost: DF.Currency
		description: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		supplier: DF.Link | None
	# end: auto-generated types
	pass
