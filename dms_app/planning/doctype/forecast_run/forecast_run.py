from frappe.model.document import Document


class ForecastRun(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accuracy: DF.Percent
		attempts: DF.Int
		chunk_size: DF.Int
		company: DF.Link | None
		error: DF.Code | None
		finished_at: DF.Datetime | None
		forecasts_written: DF.Int
		history_from: DF.Date | None
		history_to: DF.Date | None
		holdout_abs_error: DF.Float
		holdout_actual: DF.Float
		job: DF.Literal["Parts Forecast", "Vehicle Forecast"]
		last_chunk: DF.Int
		log: DF.Code | None
		period_key: DF.Data
		progress: DF.Percent
		series_count: DF.Int
		started_at: DF.Datetime | None
		status: DF.Literal["Queued", "Running", "Completed", "Failed"]
		suggestions: DF.Int
		total_chunks: DF.Int
	# end: auto-generated types
	pass
