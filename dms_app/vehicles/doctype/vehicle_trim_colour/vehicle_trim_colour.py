import frappe
from frappe.model.document import Document


class VehicleTrimColour(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		colour: DF.Data
		colour_code: DF.Data | None
		interior: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		price_adjustment: DF.Currency
	# end: auto-generated types
	pass
