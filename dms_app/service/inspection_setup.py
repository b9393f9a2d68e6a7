"""Editable defaults of the digital inspection, created once (dms_app.service.setup): a general
multi-point Inspection Template and the customer's Deferred Work reminder (Frappe Notification, a
week before the due date, one record per language: the site's enabled)."""

from pathlib import Path

import frappe

from dms_app.setup import notifications

EMAILS = Path(__file__).parent / "deferred_work_emails"
REMINDERS = {
	"Deferred Work Reminder": ("en", "Recommended work on your vehicle {{ doc.vehicle }} is due"),
	"Deferred Work Reminder (中文)": ("zh", "您的车辆 {{ doc.vehicle }} 有建议维修项目到期"),
}
DEFAULT_TEMPLATE = "Multi-point Inspection"
# (category, check item, measurement, unit, direction, amber at, red at)
DEFAULT_ITEMS = (
	("Tyres", "Front left tread", "Tread depth", "mm", "Lower is worse", 4, 2),
	("Tyres", "Front right tread", "Tread depth", "mm", "Lower is worse", 4, 2),
	("Tyres", "Rear left tread", "Tread depth", "mm", "Lower is worse", 4, 2),
	("Tyres", "Rear right tread", "Tread depth", "mm", "Lower is worse", 4, 2),
	("Brakes", "Front brake pads", "Brake pad thickness", "mm", "Lower is worse", 4, 2),
	("Brakes", "Rear brake pads", "Brake pad thickness", "mm", "Lower is worse", 4, 2),
	("Battery", "Battery health", "Battery state of health", "%", "Lower is worse", 75, 60),
	("Visibility", "Wiper blades", None, None, None, None, None),
	("Visibility", "Lights", None, None, None, None, None),
	("Under the bonnet", "Fluid levels and leaks", None, None, None, None, None),
)


def ensure_defaults():
	ensure_template()
	ensure_reminders()


def ensure_template():
	if frappe.db.exists("Inspection Template", DEFAULT_TEMPLATE):
		return
	items = [
		dict(
			zip(
				(
					"category",
					"check_item",
					"measurement",
					"unit",
					"direction",
					"amber_threshold",
					"red_threshold",
				),
				row,
				strict=True,
			)
		)
		for row in DEFAULT_ITEMS
	]
	frappe.get_doc(
		{"doctype": "Inspection Template", "template_name": DEFAULT_TEMPLATE, "items": items}
	).insert(ignore_permissions=True)


def ensure_reminders():
	site = notifications.site_language()
	for name, (language, subject) in REMINDERS.items():
		notifications.ensure_notification(
			name,
			enabled=language == site,
			subject=subject,
			document_type="Deferred Work",
			event="Days Before",
			date_changed="due_date",
			days_in_advance=7,
			condition='doc.status == "Open" and doc.contact_email',
			channel="Email",
			message=(EMAILS / f"reminder.{language}.html").read_text(encoding="utf-8"),
			recipients=[{"receiver_by_document_field": "contact_email"}],
		)
