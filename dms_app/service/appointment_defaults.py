"""Editable defaults of appointments and capacity: Employee fields marking technicians and the
confirmation and reminder Email Templates. Created when missing, never overwritten (called from
dms_app.setup.defaults.ensure_default_records); the capacity values are DMS Settings defaults."""

import frappe

from dms_app.service.appointments import CONFIRMATION_TEMPLATE, REMINDER_TEMPLATE

EMPLOYEE_FIELDS = [
	{
		"fieldname": "is_technician",
		"label": "Is Technician",
		"fieldtype": "Check",
		"insert_after": "designation",
		"description": "Counts towards the workshop's bookable hours and can be assigned labour lines.",
	},
	{
		"fieldname": "technician_hours_per_day",
		"label": "Technician Hours per Day",
		"fieldtype": "Float",
		"insert_after": "is_technician",
		"depends_on": "is_technician",
		"non_negative": 1,
		"description": "Empty: DMS Settings' technician hours per day.",
	},
]

EMAIL_TEMPLATES = {
	CONFIRMATION_TEMPLATE: (
		"Your service appointment on {{ appointment_date }} at {{ start_time }} is confirmed",
		"""<p>Dear {{ customer_name }},</p>
<p>Your service appointment is confirmed for <b>{{ appointment_date }}</b>; please bring the vehicle
{{ registration_plate or vehicle }} at <b>{{ start_time }}</b>.</p>
{% if work %}<p>Work requested:</p><ul>{% for line in work %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
<p>Reference: {{ doc.name }}. To change or cancel it, reply to this email or call us.</p>
<p>{{ company }}</p>""",
	),
	REMINDER_TEMPLATE: (
		"Reminder: your service appointment tomorrow at {{ start_time }}",
		"""<p>Dear {{ customer_name }},</p>
<p>This is a reminder of your service appointment tomorrow, <b>{{ appointment_date }}</b> at
<b>{{ start_time }}</b>, for the vehicle {{ registration_plate or vehicle }}.</p>
<p>Reference: {{ doc.name }}. If you can't come, please let us know.</p>
<p>{{ company }}</p>""",
	),
}


def ensure_defaults(_settings):
	from dms_app.setup.defaults import ensure_custom_fields

	ensure_custom_fields({"Employee": EMPLOYEE_FIELDS})
	for name, (subject, response) in EMAIL_TEMPLATES.items():
		if not frappe.db.exists("Email Template", name):
			frappe.get_doc(
				{"doctype": "Email Template", "name": name, "subject": subject, "response": response}
			).insert(ignore_permissions=True)
