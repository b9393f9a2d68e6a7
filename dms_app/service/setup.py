"""Editable defaults of the service area, created when missing and never overwritten (called from
dms_app.setup.defaults.ensure_default_records): the Repair Order workflow (generated from its
lifecycle, dms_app/service/repair_order_lifecycle.py), service items and accounts, the Service Appointment
workflow and the appointment confirmation and reminder Notifications. The capacity values are DMS
Settings defaults; the custom fields (links back from ERPNext documents, technicians on Employee)
are fixtures."""

from pathlib import Path

import frappe

from dms_app.controllers.lifecycle import ensure_workflow
from dms_app.service.appointment_lifecycle import LIFECYCLE as APPOINTMENT_LIFECYCLE
from dms_app.service.repair_order_lifecycle import LIFECYCLE
from dms_app.setup import defaults, notifications

ITEMS = {
	"service_labour_item": ("SERVICE-LABOUR", "Workshop labour", "Hour"),
	"sublet_item": ("SERVICE-SUBLET", "Sublet work", "Nos"),
}
ACCOUNTS = {
	"internal_service_expense_account": "Internal Service Expense",
	"warranty_parts_expense_account": "Warranty Parts Expense",
}


def ensure_defaults(settings):
	from dms_app.service import inspection_setup

	ensure_appointment_records()
	inspection_setup.ensure_defaults()
	ensure_workflow(LIFECYCLE)
	values = {field: ensure_service_item(code, name, uom) for field, (code, name, uom) in ITEMS.items()}
	if settings.company:
		for field, name in ACCOUNTS.items():
			values[field] = ensure_expense_account(settings.company, name)
	defaults.fill_empty(settings, values)


def ensure_service_item(code: str, name: str, uom: str) -> str:
	if not frappe.db.exists("Item", code):
		if not frappe.db.exists("UOM", uom):
			uom = "Nos"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": name,
				"item_group": "Labour" if frappe.db.exists("Item Group", "Labour") else "All Item Groups",
				"stock_uom": uom,
				"is_stock_item": 0,
				"is_sales_item": 1,
				"is_purchase_item": 1,
			}
		).insert(ignore_permissions=True)
	return code


def ensure_expense_account(company: str, name: str) -> str | None:
	abbr = frappe.get_cached_value("Company", company, "abbr")
	account = f"{name} - {abbr}"
	if frappe.db.exists("Account", account):
		return account
	parent = frappe.db.get_value(
		"Account", {"company": company, "is_group": 1, "account_name": "Indirect Expenses"}
	) or frappe.db.get_value("Account", {"company": company, "is_group": 1, "root_type": "Expense"})
	if not parent:
		return None
	frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": name,
			"company": company,
			"parent_account": parent,
			"account_type": "Expense Account",
			"root_type": "Expense",
		}
	).insert(ignore_permissions=True)
	return account


_DATE = "{{ frappe.utils.formatdate(doc.appointment_date) }}"
_TIME = '{{ frappe.utils.format_time(doc.start_time, "HH:mm") }}'
CHINESE = '(doc.email_language or "").startswith("zh")'
APPOINTMENT_EMAILS = Path(__file__).parent / "appointment_emails"
APPOINTMENT_TRIGGERS = {
	# confirmed, or rescheduled while confirmed (appointments.confirmed_slot)
	"confirmation": {"event": "Value Change", "value_changed": "confirmed_slot"},
	"reminder": {"event": "Days Before", "date_changed": "appointment_date", "days_in_advance": 1},
}
APPOINTMENT_NOTIFICATIONS = {
	# name: (trigger, language, subject); the message is appointment_emails/<trigger>.<language>.html
	"Service Appointment Confirmation": (
		"confirmation",
		"en",
		f"Service appointment confirmed: {_DATE} {_TIME}",
	),
	"Service Appointment Confirmation (中文)": (
		"confirmation",
		"zh",
		f"您的维修保养预约已确认 {_DATE} {_TIME}",
	),
	"Service Appointment Reminder": (
		"reminder",
		"en",
		f"Reminder: service appointment {_DATE} {_TIME}",
	),
	"Service Appointment Reminder (中文)": ("reminder", "zh", f"维修保养预约提醒 {_DATE} {_TIME}"),
}


def ensure_appointment_records():
	"""The Service Appointment workflow (generated from its lifecycle) and the customer's emails."""
	ensure_workflow(APPOINTMENT_LIFECYCLE)
	ensure_appointment_notifications()


def ensure_appointment_notifications():
	"""The customer's confirmation and reminder the day before, one record per language, both
	enabled, each picked by the appointment's Email Language (dms_app/setup/notifications.py)."""
	for name, (trigger, language, subject) in APPOINTMENT_NOTIFICATIONS.items():
		notifications.ensure_notification(
			name,
			enabled=True,
			subject=subject,
			document_type="Service Appointment",
			**APPOINTMENT_TRIGGERS[trigger],
			condition=f'doc.status == "Confirmed" and {"" if language == "zh" else "not "}{CHINESE}',
			channel="Email",
			message=(APPOINTMENT_EMAILS / f"{trigger}.{language}.html").read_text(encoding="utf-8"),
			recipients=[{"receiver_by_document_field": "contact_email"}],
		)
