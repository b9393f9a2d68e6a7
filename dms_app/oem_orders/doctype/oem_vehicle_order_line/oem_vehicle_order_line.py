from frappe.model.document import Document


class OEMVehicleOrderLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		colour: DF.Data | None
		item: DF.Link | None
		options: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		purchase_order_item: DF.Data | None
		qty: DF.Int
		qty_confirmed: DF.Int
		qty_received: DF.Int
		qty_shipped: DF.Int
		qty_vin_assigned: DF.Int
		rate: DF.Currency
		requested_week: DF.Date
		trim: DF.Link
	# end: auto-generated types
	pass
