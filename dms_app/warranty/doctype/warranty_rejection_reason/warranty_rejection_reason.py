from frappe.model.document import Document


class WarrantyRejectionReason(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal[
			"Vehicle", "Coverage", "Labour", "Parts", "Sublet", "Documentation", "Timing", "Other"
		]
		code: DF.Data
		description: DF.SmallText | None
		disabled: DF.Check
		title: DF.Data

	# end: auto-generated types
	def before_insert(self):
		self.code = (self.code or "").strip().upper()
