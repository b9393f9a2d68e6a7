"""A repair order from the dealer's previous DMS, brought in by the data migration
(dms_app/data_exchange/service_history.py): history on the vehicle, never posted to the ledgers.
Named by its natural key, the old RO number after its source system."""

from frappe.model.document import Document

from dms_app.service.history import history_name, totals


class VehicleServiceHistory(Document):
	def autoname(self):
		self.name = history_name(self.source, self.ro_no)

	def validate(self):
		for index, line in enumerate(self.lines, start=1):
			line.line_no = line.line_no or index
		self.update(totals(line.as_dict() for line in self.lines))
