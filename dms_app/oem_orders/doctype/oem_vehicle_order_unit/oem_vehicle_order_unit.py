from frappe.model.document import Document


class OEMVehicleOrderUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		eta: DF.Date | None
		invoice_price: DF.Currency
		line: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		purchase_receipt: DF.Link | None
		shipment_no: DF.Data | None
		shipped_date: DF.Date | None
		status: DF.Literal["VIN Assigned", "Shipped", "Received"]
		vin: DF.Link
	# end: auto-generated types
	pass
