"""Service Campaign: an OEM recall or service campaign (dms_app/warranty/campaigns.py; the VIN range
and status rules: campaign_rules.py). Its vehicles are Service Campaign Vehicle rows, one per VIN."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from dms_app.translation import set_translator
from dms_app.vin.structure import normalise
from dms_app.warranty import campaign_rules, campaigns


class ServiceCampaign(Document):
	def validate(self):
		set_translator(_)
		self.campaign_code = (self.campaign_code or "").strip().upper()
		if self.end_date and getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The end date can't be before the start date"))
		for row in self.ranges or []:
			row.vin_from, row.vin_to = normalise(row.vin_from or ""), normalise(row.vin_to or "")
			errors = campaign_rules.range_errors(row.vin_from, row.vin_to)
			if errors:
				frappe.throw(_("VIN range row {0}: {1}").format(row.idx, "; ".join(errors)))
		for row in self.parts or []:
			if (row.qty or 0) <= 0:
				frappe.throw(_("Part row {0}: the quantity must be above zero").format(row.idx))
		self.status = campaign_rules.status(
			getdate(self.start_date), getdate(self.end_date) if self.end_date else None, getdate(nowdate())
		)

	def on_update(self):
		campaigns.add_range_vehicles(self)

	def onload(self):
		counts = frappe.db.sql(
			"""select status, count(*) from `tabService Campaign Vehicle`
			where service_campaign = %s group by status""",
			self.name,
		)
		self.set_onload("vehicle_counts", dict(counts))

	def on_trash(self):
		frappe.db.delete("Service Campaign Vehicle", {"service_campaign": self.name, "status": "Open"})
		if frappe.db.exists("Service Campaign Vehicle", {"service_campaign": self.name}):
			frappe.throw(
				_("Campaign {0} has completed vehicles: close it (end date) instead").format(self.name)
			)
