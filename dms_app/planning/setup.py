"""Editable defaults of planning and alerts: settings values, one rule per alert, the customer opt-out field.

Only what is missing is created: a settings field an admin has saved (even as 0) is never overwritten, and
an alert rule row, once there, stays as the admin left it.
"""

import frappe

SETTINGS_DEFAULTS = {
	"parts_history_months": 24,
	"parts_lead_time_days": 7,
	"parts_review_days": 7,
	"parts_service_level": 95,
	"draft_material_requests": 1,
	"vehicle_history_months": 36,
	"vehicle_lead_time_months": 3,
	"vehicle_cover_months": 1,
	"vehicle_service_level": 90,
	"planning_chunk_size": 500,
	"planning_stale_minutes": 60,
	"service_due_within_km": 1000,
}
OPT_OUT_FIELD = "dms_no_service_reminders"
CUSTOM_FIELDS = {
	"Customer": [
		{
			"fieldname": OPT_OUT_FIELD,
			"label": "No Service Reminders",
			"fieldtype": "Check",
			"insert_after": "customer_group",
			"description": "The customer asked not to receive service-due reminders by email.",
		}
	]
}


def ensure_defaults():
	from dms_app.alerts.delivery import REGISTRY
	from dms_app.setup.defaults import ensure_custom_fields

	ensure_custom_fields(CUSTOM_FIELDS)
	settings = frappe.get_single("DMS Settings")
	saved = {
		row[0] for row in frappe.db.sql("select field from tabSingles where doctype = %s", "DMS Settings")
	}
	changed = False
	for field, value in SETTINGS_DEFAULTS.items():
		if field not in saved:
			settings.set(field, value)
			changed = True
	present = {rule.alert for rule in settings.get("alert_rules") or []}
	for definition in REGISTRY.values():
		if definition.name not in present:
			settings.append(
				"alert_rules",
				{
					"alert": definition.name,
					"enabled": 1,
					"threshold": definition.threshold,
					"threshold_unit": definition.threshold_unit,
					"notify_role": definition.role,
					"send_email": 1,
					"resend_after_days": definition.resend_after_days,
				},
			)
			changed = True
	if changed:
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
