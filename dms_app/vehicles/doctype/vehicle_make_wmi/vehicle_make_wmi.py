import frappe
from frappe.model.document import Document


class VehicleMakeWMI(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		country: DF.Link | None
		manufacturer: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		wmi: DF.Data
	# end: auto-generated types
	pass
