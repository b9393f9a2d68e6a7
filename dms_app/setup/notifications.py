"""The app's Frappe Notifications: created once, the admin's to edit from then on (subject, message,
recipients, days before, condition, enabled).

Frappe renders a notification once for all its recipients, so each language is its own record.
Staff reminders (deal follow-ups, claim deadlines) go out in the site's language: that record is
enabled, the other is there to switch to. Customer emails (appointments) keep both enabled, each
conditioned on the customer's language."""

import frappe


def site_language() -> str:
	""" "zh" on a site whose language (System Settings) is Chinese, else "en"."""
	return "zh" if (frappe.db.get_default("lang") or "en").startswith("zh") else "en"


def ensure_notification(name: str, enabled: bool, **fields) -> None:
	"""Create the Notification `name` (HTML message) unless it exists."""
	if frappe.db.exists("Notification", name):
		return
	frappe.get_doc(
		{"doctype": "Notification", "name": name, "message_type": "HTML", "enabled": int(enabled), **fields}
	).insert(ignore_permissions=True, set_name=name)
