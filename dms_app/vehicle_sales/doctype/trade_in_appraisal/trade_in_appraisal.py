import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from dms_app.vehicle_sales.checklists import appraisal_rows
from dms_app.vehicle_sales.trade_in import check_not_in_stock
from dms_app.vehicles.decoding import validate_vin


class TradeinAppraisal(Document):
	def onload(self):
		if self.is_new() and not self.condition_items:
			self.set_default_checklist()

	def before_validate(self):
		if not self.condition_items:
			self.set_default_checklist()

	def set_default_checklist(self):
		for row in appraisal_rows():
			self.append("condition_items", row)

	def validate(self):
		self.decode()
		if self.docstatus == 0:
			check_not_in_stock(self.vin)
		if not self.customer and not self.lead:
			frappe.throw(_("Enter the customer or lead whose vehicle this is"))
		self.reconditioning_estimate = sum(flt(r.repair_estimate) for r in self.condition_items)
		if self.valid_until and self.valid_until < self.appraisal_date:
			frappe.throw(_("Valid Until cannot be before the appraisal date"))
		self.status = {0: "Draft", 1: self.status if self.status != "Draft" else "Appraised", 2: "Cancelled"}[
			self.docstatus
		]

	def decode(self):
		info = validate_vin(self.vin)
		self.vin = info.vin
		self.manufacturer = info.manufacturer
		if info.make and not self.make and frappe.db.exists("Vehicle Make", info.make):
			self.make = info.make
		if info.model and not self.model and frappe.db.exists("Vehicle Model", info.model):
			self.model = info.model
		if info.model_year and not self.model_year:
			self.model_year = info.model_year

	def before_submit(self):
		if not flt(self.appraised_value):
			frappe.throw(_("Enter the appraised value"))
		unrated = [r.area for r in self.condition_items if not r.rating]
		if unrated:
			frappe.throw(_("Rate every condition item before submitting: {0}").format(", ".join(unrated)))
		self.status = "Appraised"

	def before_cancel(self):
		if self.stock_entry:
			frappe.throw(
				_("Trade-in {0} is already in stock on {1}: cancel the sale's invoice first").format(
					self.vin, self.stock_entry
				)
			)
		deal = frappe.db.get_value("Vehicle Deal", {"trade_in": self.name, "status": ("!=", "Lost")})
		if deal:
			frappe.throw(_("Trade-in {0} is used on deal {1}").format(self.vin, deal))

	def on_cancel(self):
		self.db_set("status", "Cancelled")
