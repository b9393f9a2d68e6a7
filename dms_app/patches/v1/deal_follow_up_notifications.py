"""Deal, lead and opportunity follow-ups due are reminded by a Frappe Notification (issue 14), which
replaces the daily job that wrote Notification Logs itself: the English and Chinese records, the one
in the site's language enabled."""

from dms_app.vehicle_sales.setup import ensure_follow_up_notifications


def execute():
	ensure_follow_up_notifications()
