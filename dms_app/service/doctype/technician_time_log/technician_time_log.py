from frappe.model.document import Document

from dms_app.service import time_logs


class TechnicianTimeLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		employee: DF.Link
		employee_name: DF.Data | None
		end: DF.Datetime | None
		hours: DF.Float
		job_description: DF.Data | None
		job_no: DF.Int
		labour_operation: DF.Link | None
		labour_row: DF.Data
		repair_order: DF.Link
		start: DF.Datetime

	# end: auto-generated types
	def validate(self):
		time_logs.validate(self)

	def on_update(self):
		time_logs.update_actual_hours(self)

	def on_trash(self):
		# the row is still there while on_trash runs: zero it so the line's recount leaves it out
		self.db_set("hours", 0)
		time_logs.update_actual_hours(self)
