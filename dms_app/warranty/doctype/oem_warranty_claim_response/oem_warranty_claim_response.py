from frappe.model.document import Document


class OEMWarrantyClaimResponse(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accepted_amount: DF.Currency
		credit_reference: DF.Data | None
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason_code: DF.Link | None
		response_date: DF.Date | None
		source: DF.Data | None
		status: DF.Data | None
	# end: auto-generated types
	pass
