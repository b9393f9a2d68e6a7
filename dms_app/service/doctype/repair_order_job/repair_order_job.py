from frappe.model.document import Document


class RepairOrderJob(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		causal_part: DF.Link | None
		cause: DF.SmallText | None
		concern: DF.SmallText
		correction: DF.SmallText | None
		failure_code: DF.Data | None
		job_no: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pay_type: DF.Literal["Customer", "Warranty", "Internal"]
		service_campaign: DF.Link | None
	# end: auto-generated types
	pass
