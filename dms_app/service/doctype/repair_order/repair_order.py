from frappe.model.document import Document

from dms_app.controllers import lifecycle
from dms_app.service import repair_orders


class RepairOrder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.service.doctype.repair_order_inspection.repair_order_inspection import (
			RepairOrderInspection,
		)
		from dms_app.service.doctype.repair_order_job.repair_order_job import RepairOrderJob
		from dms_app.service.doctype.repair_order_labour.repair_order_labour import RepairOrderLabour
		from dms_app.service.doctype.repair_order_part.repair_order_part import RepairOrderPart
		from dms_app.service.doctype.repair_order_sublet.repair_order_sublet import RepairOrderSublet

		amended_from: DF.Link | None
		company: DF.Link
		completed_on: DF.Datetime | None
		consumption_stock_entry: DF.Link | None
		currency: DF.Link | None
		customer: DF.Link
		customer_authorised_on: DF.Datetime | None
		customer_lines: DF.Int
		customer_name: DF.Data | None
		customer_total: DF.Currency
		inspection: DF.Table[RepairOrderInspection]
		internal_journal_entry: DF.Link | None
		internal_total: DF.Currency
		jobs: DF.Table[RepairOrderJob]
		labour: DF.Table[RepairOrderLabour]
		labour_total: DF.Currency
		language: DF.Link | None
		naming_series: DF.Literal["RO-.YYYY.-"]
		notes: DF.TextEditor | None
		odometer_in: DF.Int
		odometer_out: DF.Int
		opened_on: DF.Datetime | None
		parts: DF.Table[RepairOrderPart]
		parts_total: DF.Currency
		promised_time: DF.Datetime | None
		proposed_lines: DF.Int
		proposed_total: DF.Currency
		registration_plate: DF.Data | None
		sales_invoice: DF.Link | None
		service_advisor: DF.Link | None
		service_appointment: DF.Link | None
		status: DF.Literal[
			"Open",
			"In Progress",
			"Waiting Parts",
			"Waiting Approval",
			"Completed",
			"Invoiced",
			"Closed",
			"Voided",
			"Cancelled",
		]
		sublet_total: DF.Currency
		sublets: DF.Table[RepairOrderSublet]
		vehicle: DF.Link
		vehicle_model: DF.Data | None
		warranty_total: DF.Currency
		workflow_state: DF.Link | None

	# end: auto-generated types
	def onload(self):
		lifecycle.set_onload_problems(self)

	def validate(self):
		repair_orders.validate(self)

	def after_insert(self):
		if self.amended_from:
			repair_orders.carry_over(self)

	def on_update(self):
		repair_orders.on_update(self)

	def before_submit(self):
		repair_orders.before_submit(self)

	def on_submit(self):
		repair_orders.on_submit(self)

	def before_update_after_submit(self):
		repair_orders.before_update_after_submit(self)

	def on_update_after_submit(self):
		lifecycle.reconcile(self)

	def before_cancel(self):
		repair_orders.before_cancel(self)

	def on_cancel(self):
		lifecycle.reconcile(self)
