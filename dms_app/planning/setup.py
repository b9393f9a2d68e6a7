"""Editable defaults of planning and alerts: one rule per alert (the customer opt-out field,
OPT_OUT_FIELD, is a fixture).

Only what is missing is created: an alert rule row, once there, stays as the admin left it. The
settings values themselves are DocField defaults of DMS Settings.
"""

OPT_OUT_FIELD = "dms_no_service_reminders"


def ensure_defaults(settings):
	from dms_app.alerts.delivery import REGISTRY

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
