import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_time, getdate

from dms_app.controllers import lifecycle
from dms_app.service import appointments
from dms_app.service.appointment_lifecycle import REQUESTED
from dms_app.service.labour import flat_hours


class ServiceAppointment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.service.doctype.service_appointment_work.service_appointment_work import (
			ServiceAppointmentWork,
		)

		appointment_date: DF.Date
		confirmed_slot: DF.Datetime | None
		contact_email: DF.Data | None
		contact_phone: DF.Data | None
		customer: DF.Link
		customer_name: DF.Data | None
		email_language: DF.Link | None
		estimated_hours: DF.Float
		mileage: DF.Int
		notes: DF.SmallText | None
		registration_plate: DF.Data | None
		repair_order: DF.Link | None
		service_advisor: DF.Link | None
		source: DF.Literal["Desk", "Portal"]
		start_time: DF.Time
		status: DF.Literal["Requested", "Confirmed", "Arrived", "Completed", "Cancelled", "No Show"]
		vehicle: DF.Link
		vehicle_model: DF.Link | None
		work: DF.Table[ServiceAppointmentWork]
		workflow_state: DF.Link | None

	# end: auto-generated types

	def onload(self):
		lifecycle.set_onload_problems(self)

	def validate(self):
		old = self.get_doc_before_save()
		# a new one starts Requested (lifecycle.validate): confirming is a move of its own (the desk's
		# action or the portal's setting), which is also what sends the confirmation
		lifecycle.validate(self)
		self.fill_from_vehicle()
		self.fill_work(old)
		self.confirmed_slot = appointments.confirmed_slot(self)
		self.flags.workshop_change = None
		before, after = appointments.contribution(old), appointments.contribution(self)
		if before != after:
			state = appointments.lock_days(part[0] for part in (before, after) if part)
			if after and self.needs_capacity_check(old):
				appointments.validate_booking(self, state[after[0]], before)
			self.flags.workshop_change = (before, after, state)

	def fill_from_vehicle(self):
		values = (
			frappe.db.get_value("Motor Vehicle", self.vehicle, ["customer", "model"])
			if self.vehicle
			else None
		)
		if not values:
			frappe.throw(_("Choose the vehicle (VIN) to service"))
		owner, model = values
		self.customer = self.customer or owner
		if not self.customer:
			frappe.throw(_("Vehicle {0} has no owner; enter the customer").format(self.vehicle))
		self.vehicle_model = model
		if not self.contact_email or not self.contact_phone or not self.email_language:
			email, phone, language = frappe.db.get_value(
				"Customer", self.customer, ["email_id", "mobile_no", "language"]
			)
			self.contact_email = self.contact_email or email
			self.contact_phone = self.contact_phone or phone
			self.email_language = self.email_language or appointments.email_language(
				self.contact_email, language
			)

	def fill_work(self, old):
		known = {row.name for row in old.work} if old else set()
		for row in self.work:
			if row.labour_operation:
				description, disabled = frappe.db.get_value(
					"Labour Operation", row.labour_operation, ["description", "disabled"]
				)
				if disabled and row.name not in known:
					frappe.throw(
						_("Row {0}: labour operation {1} is disabled").format(row.idx, row.labour_operation)
					)
				row.description = row.description or description
				if not flt(row.estimated_hours):
					row.estimated_hours = flat_hours(row.labour_operation, self.vehicle_model)
			elif not row.description:
				frappe.throw(_("Row {0}: choose a labour operation or describe the work").format(row.idx))
		work_hours = sum(flt(row.estimated_hours) for row in self.work)
		if work_hours:
			self.estimated_hours = work_hours
		if flt(self.estimated_hours) <= 0:
			frappe.throw(_("Enter the estimated hours or the requested work with its hours"))

	def needs_capacity_check(self, old) -> bool:
		if self.status not in appointments.ACTIVE:
			return False
		if not old or old.status not in appointments.ACTIVE:
			return True
		if self.status not in appointments.OPEN:
			return False  # already in the workshop: hours are no longer a booking decision
		changed = getdate(old.appointment_date) != getdate(self.appointment_date)
		changed |= get_time(old.start_time) != get_time(self.start_time)
		return changed or flt(self.estimated_hours) > flt(old.estimated_hours)

	def on_update(self):
		if self.flags.workshop_change:
			appointments.apply_change(*self.flags.workshop_change)
			self.flags.workshop_change = None
		lifecycle.reconcile(self)

	def on_trash(self):
		if self.status not in ("Requested", "Cancelled"):
			frappe.throw(_("Only requested or cancelled appointments can be deleted; cancel it instead"))

	def after_delete(self):
		held = appointments.contribution(self)
		if held:
			appointments.apply_change(held, None, appointments.lock_days([held[0]]))
