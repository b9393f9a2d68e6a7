import frappe
from frappe import _
from frappe.model.document import Document

from dms_app.vehicles import documents
from dms_app.vehicles.stock_events import vins_of


class VehicleHandover(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		certificate_handed: DF.Check
		customer: DF.Link | None
		delivery_note: DF.Link
		features_explained: DF.Check
		handed_over_by: DF.Link
		handover_datetime: DF.Datetime
		keys_handed: DF.Int
		language: DF.Link | None
		naming_series: DF.Literal["VH-.YYYY.-"]
		notes: DF.SmallText | None
		odometer: DF.Int
		owner_manual_handed: DF.Check
		registration_handed: DF.Check
		service_book_handed: DF.Check
		service_intro_done: DF.Check
		vehicle_deal: DF.Link | None
		vin: DF.Link

	# end: auto-generated types
	def validate(self):
		note = frappe.get_doc("Delivery Note", self.delivery_note)
		if note.docstatus != 1 or note.is_return:
			frappe.throw(_("Delivery Note {0} must be submitted before the handover").format(note.name))
		if self.vin not in {vin for _row, vin in vins_of(note)}:
			frappe.throw(_("VIN {0} is not on Delivery Note {1}").format(self.vin, note.name))
		self.customer = note.customer
		self.vehicle_deal = note.get("vehicle_deal")
		other = frappe.db.get_value(
			"Vehicle Handover",
			{"vin": self.vin, "delivery_note": note.name, "docstatus": 1, "name": ("!=", self.name)},
		)
		if other:
			frappe.throw(_("Vehicle {0} was already handed over on {1}").format(self.vin, other))

	def before_submit(self):
		"""No handover while the certificate is pledged or a required document is not in the safe."""
		documents.check_handover(self)

	def on_submit(self):
		"""The Delivery Note already started the warranty (vehicles area); the handover records the
		documents and keys given and the odometer."""
		values = {}
		if self.certificate_handed:
			values["certificate_location"] = "Customer"
		if self.odometer:
			values["odometer"] = self.odometer
		if values:
			frappe.db.set_value("Motor Vehicle", self.vin, values)
		documents.hand_over(self)

	def on_cancel(self):
		documents.take_back(self)
