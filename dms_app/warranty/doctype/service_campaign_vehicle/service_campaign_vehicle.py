"""Service Campaign Vehicle: one VIN of a campaign and whether its campaign work is done
(dms_app/warranty/campaigns.py). Natural key: campaign + VIN (a unique index)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import nowdate

from dms_app.translation import set_translator
from dms_app.vin.structure import normalise, structure_errors


class ServiceCampaignVehicle(Document):
	def validate(self):
		set_translator(_)
		self.vin = normalise(self.vin or "")
		errors = structure_errors(self.vin)
		if errors:
			frappe.throw(_("VIN {0}: {1}").format(self.vin, "; ".join(errors)))
		self.motor_vehicle = self.vin if frappe.db.exists("Motor Vehicle", self.vin) else None
		if self.status == "Completed":
			self.completed_on = self.completed_on or nowdate()
		elif self.has_value_changed("status"):
			self.completed_on = self.repair_order = self.oem_warranty_claim = None


def on_doctype_update():
	frappe.db.add_unique("Service Campaign Vehicle", ["service_campaign", "vin"], "campaign_vin")
