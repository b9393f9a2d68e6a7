"""The Service Appointment's lifecycle (dms_app/controllers/lifecycle.py, docs/workflows.md).

Milestones are the appointment's `status`, which the code owns; an appointment is never submitted.
The workflow's states are the admin's labels for them, its actions the desk's buttons. The system
moves an appointment too, whoever the user is (`lifecycle.reach`): a portal booking is confirmed
when DMS Settings say so, the repair order opened from it marks the customer arrived, and completing
that order completes it.

An appointment holds a share of its workshop day (the Workshop Day row: hours and a drop-off) while
it is Requested, Confirmed, Arrived or Completed (appointments.ACTIVE). That share is not an
`Effect`: it moves with the date, time and hours as well, and the day's capacity is checked before
the save, under the day's lock. The controller books the difference between what the appointment
held before a save and what it holds after (appointments.contribution, read from the milestone), so
the hours are counted once and released once whatever the states are called. The confirmation and
reminder emails are Frappe Notifications (dms_app/service/setup.py)."""

from dms_app.controllers.lifecycle import Lifecycle, Milestone, Step

REQUESTED, CONFIRMED, ARRIVED, COMPLETED, CANCELLED, NO_SHOW = (
	"Requested",
	"Confirmed",
	"Arrived",
	"Completed",
	"Cancelled",
	"No Show",
)
ADVISORS = ("Service Advisor", "Service Manager")

LIFECYCLE = Lifecycle(
	doctype="Service Appointment",
	workflow="Service Appointment",
	# who may edit is left to the doctype's permissions (edit_roles "All")
	milestones=(
		Milestone(REQUESTED, 0, "Warning"),
		Milestone(CONFIRMED, 0, "Primary"),
		Milestone(ARRIVED, 0, "Info"),
		Milestone(COMPLETED, 0, "Success"),
		Milestone(CANCELLED, 0, "Danger"),
		Milestone(NO_SHOW, 0, "Inverse"),
	),
	moves={
		REQUESTED: (CONFIRMED, ARRIVED, CANCELLED, NO_SHOW),
		CONFIRMED: (ARRIVED, CANCELLED, NO_SHOW),
		ARRIVED: (COMPLETED, CANCELLED),
	},
	steps=(
		Step(REQUESTED, "Confirm", CONFIRMED, ADVISORS),
		*(Step(source, "Customer Arrived", ARRIVED, ADVISORS) for source in (REQUESTED, CONFIRMED)),
		*(Step(source, "No Show", NO_SHOW, ADVISORS) for source in (REQUESTED, CONFIRMED)),
		Step(ARRIVED, "Complete", COMPLETED, ADVISORS),
		*(
			Step(source, "Cancel Appointment", CANCELLED, ADVISORS)
			for source in (REQUESTED, CONFIRMED, ARRIVED)
		),
	),
	# the desk confirms what customers request and frees the hours of what they call off; arriving
	# and completing also come from the repair order
	required=(CONFIRMED, CANCELLED),
)
