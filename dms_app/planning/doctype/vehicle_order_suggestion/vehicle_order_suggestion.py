from frappe.model.document import Document


class VehicleOrderSuggestion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		cover_months: DF.Float
		forecast_per_month: DF.Float
		forecast_run: DF.Link | None
		in_stock: DF.Int
		in_transit: DF.Int
		lead_time_months: DF.Float
		method: DF.Data | None
		notes: DF.SmallText | None
		on_order: DF.Int
		period_key: DF.Data | None
		status: DF.Literal["Open", "Ordered", "Dismissed"]
		suggested_qty: DF.Int
		suggestion_key: DF.Data | None
		target_stock: DF.Float
		vehicle_model: DF.Link
	# end: auto-generated types
	pass
