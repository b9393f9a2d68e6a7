from frappe.model.document import Document


class DMSAlertLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		alert: DF.Data | None
		alert_key: DF.Data | None
		last_sent: DF.Datetime | None
		period: DF.Data | None
		recipients: DF.SmallText | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		state: DF.Data | None
		subject: DF.SmallText | None
		times_sent: DF.Int
	# end: auto-generated types
	pass
