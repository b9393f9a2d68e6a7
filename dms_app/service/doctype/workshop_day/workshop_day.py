from frappe.model.document import Document


# One row per day with bookings: hours and drop-offs booked, kept under the row's lock by
# dms_app.service.appointments so two bookings of a day's last hours can't both win.
class WorkshopDay(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		arrivals: DF.JSON | None
		booked_hours: DF.Float
		capacity_hours: DF.Float
		day: DF.Date
		free_hours: DF.Float
	# end: auto-generated types

	pass
