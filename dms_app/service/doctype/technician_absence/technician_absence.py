import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class TechnicianAbsence(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		available_hours: DF.Float
		employee: DF.Link
		employee_name: DF.Data | None
		from_date: DF.Date
		reason: DF.Data | None
		to_date: DF.Date

	# end: auto-generated types

	def validate(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("To Date {0} is before From Date {1}").format(self.to_date, self.from_date))
