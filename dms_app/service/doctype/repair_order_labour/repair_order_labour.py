from frappe.model.document import Document


class RepairOrderLabour(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		actual_hours: DF.Float
		amount: DF.Currency
		approval_status: DF.Literal["", "Approved", "Proposed", "Declined"]
		approved_by: DF.Link | None
		approved_on: DF.Datetime | None
		decided_via: DF.Literal["", "Desk", "Portal"]
		description: DF.Data | None
		flat_hours: DF.Float
		job_no: DF.Int
		labour_operation: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pay_type: DF.Literal["Customer", "Warranty", "Internal"]
		rate: DF.Currency
		technician: DF.Link | None
		technician_name: DF.Data | None
	# end: auto-generated types
	pass
