from frappe.model.document import Document


class VehicleImportRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		data: DF.Code | None
		make: DF.Data | None
		message: DF.SmallText | None
		model_year: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		row_no: DF.Int
		row_status: DF.Literal["Valid", "Error", "Imported", "Unchanged"]
		vehicle: DF.Link | None
		vin: DF.Data | None
	# end: auto-generated types
	pass
