from frappe.model.document import Document


class RepairOrderSublet(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		approval_status: DF.Literal["", "Approved", "Proposed", "Declined"]
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		cost: DF.Currency
		decided_via: DF.Literal["", "Desk", "Portal"]
		description: DF.Data
		job_no: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pay_type: DF.Literal["Customer", "Warranty", "Internal"]
		supplier: DF.Link
	# end: auto-generated types
	pass
