from frappe.model.document import Document


class RepairOrderPart(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		approval_status: DF.Literal["", "Approved", "Proposed", "Declined"]
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		decided_via: DF.Literal["", "Desk", "Portal"]
		issued_qty: DF.Float
		item_code: DF.Link
		item_name: DF.Data | None
		job_no: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pay_type: DF.Literal["Customer", "Warranty", "Internal"]
		qty: DF.Float
		rate: DF.Currency
		reserved_qty: DF.Float
		uom: DF.Link | None
		warehouse: DF.Link | None
	# end: auto-generated types
	pass
