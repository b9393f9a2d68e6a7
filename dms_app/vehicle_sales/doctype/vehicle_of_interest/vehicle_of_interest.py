from frappe.model.document import Document


class VehicleofInterest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		budget: DF.Currency
		model: DF.Link | None
		notes: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		trim: DF.Link | None
		vin: DF.Link | None
	# end: auto-generated types
	pass
