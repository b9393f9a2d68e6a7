from frappe.model.document import Document


class DMSAlertRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		alert: DF.Data
		enabled: DF.Check
		notify_role: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		resend_after_days: DF.Int
		send_email: DF.Check
		threshold: DF.Float
		threshold_unit: DF.Data | None
	# end: auto-generated types
	pass
