from frappe.model.document import Document


class DemandForecast(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accuracy: DF.Percent
		company: DF.Link | None
		demand_std: DF.Float
		first_period: DF.Date | None
		forecast_for: DF.Literal["Part", "Vehicle Model"]
		forecast_key: DF.Data | None
		forecast_run: DF.Link | None
		forecast_values: DF.SmallText | None
		history_periods: DF.Int
		history_values: DF.SmallText | None
		holdout_scored: DF.Check
		horizon: DF.Int
		horizon_total: DF.Float
		item: DF.Link | None
		mase: DF.Float
		method: DF.Data | None
		next_period_forecast: DF.Float
		order_up_to: DF.Float
		period: DF.Literal["Month"]
		reorder_point: DF.Float
		safety_stock: DF.Float
		vehicle_model: DF.Link | None
		warehouse: DF.Link | None
	# end: auto-generated types
	pass
