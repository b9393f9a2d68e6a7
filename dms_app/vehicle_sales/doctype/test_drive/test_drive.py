import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, get_datetime, getdate

ACTIVE = ("Scheduled", "Completed")
NOT_DRIVABLE = ("Sold", "Delivered", "In Service", "Scrapped", "Ordered", "In Transit")


class TestDrive(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link | None
		driver_name: DF.Data
		end_time: DF.Datetime
		feedback: DF.SmallText | None
		lead: DF.Link | None
		licence_expiry: DF.Date
		licence_number: DF.Data
		model: DF.Link | None
		naming_series: DF.Literal["TD-.YYYY.-"]
		odometer_in: DF.Int
		odometer_out: DF.Int
		opportunity: DF.Link | None
		sales_person: DF.Link
		start_time: DF.Datetime
		status: DF.Literal["Scheduled", "Completed", "Cancelled", "No Show"]
		vehicle: DF.Link
	# end: auto-generated types
	__test__ = False  # pytest collects test_drive.py by its name; this is the controller, not a test

	def validate(self):
		if not (self.lead or self.customer or self.opportunity):
			frappe.throw(_("Enter the lead, opportunity or customer taking the test drive"))
		start, end = get_datetime(self.start_time), get_datetime(self.end_time)
		if end <= start:
			frappe.throw(_("The test drive must end after it starts"))
		if getdate(self.licence_expiry) < start.date():
			frappe.throw(
				_("Driving licence {0} expired on {1}: no test drive").format(
					self.licence_number, frappe.format(self.licence_expiry, "Date")
				),
				title=_("Licence expired"),
			)
		if self.status in ACTIVE:
			self.check_vehicle(start, end)

	def check_vehicle(self, start, end):
		# Locking the vehicle row serialises two bookings of one car made at the same moment.
		status = frappe.db.get_value("Motor Vehicle", self.vehicle, "status", for_update=True)
		if self.status == "Scheduled" and status in NOT_DRIVABLE:
			frappe.throw(_("Vehicle {0} is {1}: it cannot be test-driven").format(self.vehicle, _(status)))
		clash = frappe.db.get_value(
			"Test Drive",
			{
				"vehicle": self.vehicle,
				"name": ("!=", self.name),
				"status": ("in", ACTIVE),
				"start_time": ("<", end),
				"end_time": (">", start),
			},
			["name", "start_time", "end_time"],
			as_dict=True,
			for_update=True,  # a locking read sees a booking committed while we waited for the vehicle lock
		)
		if clash:
			frappe.throw(
				_("Vehicle {0} is already booked for test drive {1} from {2} to {3}").format(
					self.vehicle,
					clash.name,
					frappe.format(clash.start_time, "Datetime"),
					frappe.format(clash.end_time, "Datetime"),
				),
				title=_("Vehicle double-booked"),
			)

	def on_update(self):
		before = self.get_doc_before_save()
		if self.status == "Completed" and (not before or before.status != "Completed"):
			from dms_app.vehicle_sales.crm import schedule_follow_up

			reference = ("Lead", self.lead) if self.lead else ("Opportunity", self.opportunity)
			if not reference[1]:
				reference = ("Test Drive", self.name)
			schedule_follow_up(
				*reference,
				date=add_days(getdate(self.end_time), 1),
				description=_("Follow up the test drive of {0} ({1})").format(
					self.model or self.vehicle, self.name
				),
				user=self.sales_person,
			)
