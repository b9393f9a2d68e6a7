"""OEM Vehicle Order: vehicles ordered from the OEM, placed as an ERPNext Purchase Order.

Its status is the milestone the code owns (dms_app/oem_orders/lifecycle.py): the OEM's files and
the Purchase Receipts move it to where the vehicles are, and a workflow action taken by hand does
what its milestone says to the lines (HAND_MOVES), whatever the admin calls its states.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, cint, flt, getdate, nowdate

from dms_app.controllers import lifecycle
from dms_app.oem_orders import vehicle_orders


class OEMVehicleOrder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.oem_orders.doctype.oem_vehicle_order_line.oem_vehicle_order_line import (
			OEMVehicleOrderLine,
		)
		from dms_app.oem_orders.doctype.oem_vehicle_order_unit.oem_vehicle_order_unit import (
			OEMVehicleOrderUnit,
		)

		amended_from: DF.Link | None
		company: DF.Link
		freight_per_vehicle: DF.Currency
		grand_total: DF.Currency
		lines: DF.Table[OEMVehicleOrderLine]
		naming_series: DF.Literal["OEM-VO-.YYYY.-"]
		oem_order_no: DF.Data | None
		per_received: DF.Percent
		purchase_order: DF.Link | None
		qty_confirmed: DF.Int
		qty_received: DF.Int
		qty_shipped: DF.Int
		qty_vin_assigned: DF.Int
		remarks: DF.SmallText | None
		status: DF.Literal[
			"Draft", "Submitted", "Confirmed", "VIN Assigned", "Shipped", "Received", "Cancelled"
		]
		supplier: DF.Link | None
		total_qty: DF.Int
		transaction_date: DF.Date
		units: DF.Table[OEMVehicleOrderUnit]
		warehouse: DF.Link | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self):
		lifecycle.set_onload_problems(self)

	def validate(self):
		lifecycle.validate(self)
		self.set_defaults()
		self.validate_oem_order_no()
		for line in self.lines:
			self.validate_line(line)
		self.grand_total = sum(flt(line.amount) for line in self.lines)
		vehicle_orders.refresh_progress(self)

	def set_defaults(self):
		if not self.supplier and self.lines and self.lines[0].trim:
			make = frappe.db.get_value("Vehicle Trim", self.lines[0].trim, "make")
			self.supplier = frappe.db.get_value("Vehicle Make", make, "oem_supplier")
		if not self.supplier:
			frappe.throw(_("Choose the OEM (supplier) the vehicles are ordered from"))
		if not self.warehouse:
			self.warehouse = frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse")
		if not self.warehouse:
			frappe.throw(_("Choose the receiving warehouse (or set one in DMS Settings)"))

	def validate_oem_order_no(self):
		"""Confirmation files find orders by the OEM's number, so one number is one order per OEM."""
		if not self.oem_order_no:
			return
		self.oem_order_no = self.oem_order_no.strip()
		other = frappe.db.get_value(
			"OEM Vehicle Order",
			{
				"supplier": self.supplier,
				"oem_order_no": self.oem_order_no,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		)
		if other:
			frappe.throw(_("OEM order number {0} is already used on {1}").format(self.oem_order_no, other))

	def validate_line(self, line):
		trim = frappe.get_cached_value("Vehicle Trim", line.trim, ["item", "disabled"], as_dict=True)
		if not trim or not trim.item:
			frappe.throw(_("Line {0}: trim {1} has no vehicle Item").format(line.idx, line.trim))
		if trim.disabled:
			frappe.throw(_("Line {0}: trim {1} is disabled").format(line.idx, line.trim))
		line.item = trim.item
		if cint(line.qty) <= 0:
			frappe.throw(_("Line {0}: order at least one vehicle").format(line.idx))
		if flt(line.rate) < 0:
			frappe.throw(_("Line {0}: the OEM price cannot be negative").format(line.idx))
		week = getdate(line.requested_week)
		line.requested_week = add_days(week, -week.weekday())  # the Monday of the requested week
		if getdate(add_days(line.requested_week, 6)) < getdate(self.transaction_date or nowdate()):
			frappe.throw(
				_("Line {0}: requested delivery week {1} is before the order date").format(
					line.idx, line.requested_week
				)
			)
		line.amount = flt(line.qty) * flt(line.rate)

	def before_submit(self):
		lifecycle.check_through_workflow(self, 1)
		self.status = "Submitted"  # whichever state the workflow submitted it into

	def on_submit(self):
		vehicle_orders.place_purchase_order(self)
		lifecycle.reconcile(self)

	def on_update(self):
		lifecycle.reconcile(self)

	def before_update_after_submit(self):
		lifecycle.validate(self)
		self.validate_oem_order_no()  # often given by the OEM only when it confirms
		vehicle_orders.refresh_progress(self)
		if self.has_value_changed("status") and not self.flags.lifecycle_move:
			self.move_by_hand(self.status)

	def move_by_hand(self, wanted: str):
		"""A workflow action taken by hand does what its milestone says to the lines (HAND_MOVES); the
		other milestones come from the OEM's files and the receipts, so the vehicles must be there."""
		if act := HAND_MOVES.get(wanted):
			act(self)
			vehicle_orders.refresh_progress(self)
		reached = vehicle_orders.stage_of(self)
		if reached != wanted:
			frappe.throw(
				_("The order cannot be {0} by hand: its vehicles are {1}. {2}").format(
					_(wanted), _(reached), how_to_reach(wanted)
				),
				title=_("Not possible yet"),
			)

	def on_update_after_submit(self):
		lifecycle.reconcile(self)

	def before_cancel(self):
		lifecycle.check_through_workflow(self, 2)
		vehicle_orders.check_cancellable(self)

	def on_cancel(self):
		vehicle_orders.cancel_purchase_order(self)
		vehicle_orders.delete_pipeline_vehicles(self)
		self.db_set("status", "Cancelled")
		lifecycle.reconcile(self)


def confirm_lines(order):
	"""Confirm every unconfirmed line as ordered."""
	for line in order.lines:
		line.qty_confirmed = cint(line.qty_confirmed) or cint(line.qty)


def ship_allocated(order):
	"""Ship every allocated vehicle today."""
	for unit in order.units:
		vehicle_orders.mark_shipped(unit, nowdate())


# what a workflow action taken by hand does to the lines, by the milestone it reaches
HAND_MOVES = {"Confirmed": confirm_lines, "Shipped": ship_allocated}


def how_to_reach(milestone: str) -> str:
	"""What the user must do before the milestone can be reached by hand."""
	return {
		"VIN Assigned": _("Import the OEM's allocation file (VINs) for every confirmed vehicle."),
		"Shipped": _("Every confirmed vehicle needs its VIN first."),
		"Received": _("Receive the vehicles with a Purchase Receipt (Create > Purchase Receipt)."),
	}.get(milestone, "")
