from frappe.model.document import Document


class VehicleDealItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		item_code: DF.Link
		item_name: DF.Data | None
		line_type: DF.Literal["Accessory", "Service", "Fee", "F&I Product"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		qty: DF.Float
		rate: DF.Currency
	# end: auto-generated types
	pass
