"""Service Appointments move on a Frappe Workflow generated from their lifecycle
(dms_app/service/appointment_lifecycle.py), and the customer's confirmation and reminder are Frappe
Notifications instead of Email Templates the code sent itself, from a daily job for the reminders.

- Each appointment shows its status as its workflow state (the shipped states are named after the
  milestones); the shipped workflow is created, or an admin's own brought onto the lifecycle.
- Confirmed appointments get their confirmed drop-off, so that saving one sends no new confirmation;
  upcoming appointments get their email language (their recipient's, else their customer's).
- The Notifications are created. The two Email Templates are deleted unless an admin edited them;
  edited ones stay, for their wording to be copied into the Notifications.
"""

import frappe
from frappe.utils import nowdate

from dms_app.controllers import lifecycle
from dms_app.service.appointment_lifecycle import LIFECYCLE
from dms_app.service.appointments import email_language
from dms_app.service.setup import ensure_appointment_notifications

OLD_TEMPLATES = ("Service Appointment Confirmation", "Service Appointment Reminder")


def execute():
	frappe.db.sql(
		"""update `tabService Appointment` set workflow_state = status
		where ifnull(workflow_state, '') = ''"""
	)
	lifecycle.upgrade_workflow(LIFECYCLE)
	frappe.db.sql(
		"""update `tabService Appointment` set confirmed_slot = timestamp(appointment_date, start_time)
		where status = 'Confirmed' and confirmed_slot is null"""
	)
	upcoming = frappe.get_all(
		"Service Appointment",
		filters={"appointment_date": (">=", nowdate()), "email_language": ("is", "not set")},
		fields=["name", "contact_email", "customer"],
	)
	for row in upcoming:
		customer_language = frappe.db.get_value("Customer", row.customer, "language")
		frappe.db.set_value(
			"Service Appointment",
			row.name,
			"email_language",
			email_language(row.contact_email, customer_language),
			update_modified=False,
		)
	ensure_appointment_notifications()
	for name in OLD_TEMPLATES:
		edited = frappe.db.get_value("Email Template", name, ["creation", "modified"])
		if edited and edited[0] == edited[1]:
			frappe.delete_doc("Email Template", name, ignore_permissions=True)
		elif edited:
			print(f"dms_app: Email Template {name} is no longer sent; the Notifications replace it.")
