from frappe.model.document import Document


class OEMWarrantyClaimPart(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		dealer_net_rate: DF.Currency
		handling_percent: DF.Percent
		is_causal_part: DF.Check
		item_code: DF.Link
		item_name: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		reimbursement_rate: DF.Currency
	# end: auto-generated types
	pass
