"""Vehicle Sales editable defaults: the deal approval workflow, the follow-up reminders, the standard
PDI template, fee items and settings. Each is created only where missing, never overwritten (custom
fields are fixtures)."""

import frappe

from dms_app.controllers import lifecycle
from dms_app.setup import defaults, notifications
from dms_app.vehicle_sales.approval import LIFECYCLE
from dms_app.vehicle_sales.crm import FOLLOWED

PDI_TEMPLATE = "Standard PDI"
PDI_CHECKS = (
	("Documents", "VIN on body matches invoice and certificate of conformity"),
	("Documents", "Owner's manual, service book and spare key present"),
	("Exterior", "Paint and body panels free of transport damage"),
	("Exterior", "Glass, lamps and mirrors intact"),
	("Exterior", "Tyre pressures set to placard, wheel nuts torqued"),
	("Under bonnet", "Fluid levels (oil, coolant, brake, washer)"),
	("Under bonnet", "12 V battery charged and terminals tight"),
	("Interior", "Transport covers and shipping fuses removed / fitted"),
	("Interior", "Warning lights, infotainment, climate control working"),
	("Interior", "Seats, belts and child-seat anchors"),
	("Road test", "Brakes, steering and driver-assist systems"),
	("Road test", "No fault codes after road test (diagnostic scan)"),
	("Final", "Washed, valeted, fuel / charge level for handover"),
)
FEE_ITEMS = (("DMS-REG-FEE", "Registration Fee"), ("DMS-DOC-FEE", "Documentation Fee"))
_DUE = '{{ frappe.format(doc.date, {"fieldtype": "Date"}) }}'
_WHAT = '{{ (doc.description or "") | striptags | truncate(120) }}'
FOLLOW_UP_MESSAGE = (
	"<p>{{ doc.description }}</p>"
	'<p><a href="{{ frappe.utils.get_url_to_form(doc.reference_type, doc.reference_name) }}">'
	"{{ _(doc.reference_type) }} {{ doc.reference_name }}</a></p>"
)
FOLLOW_UP_NOTIFICATIONS = {
	# language: (name, subject); the message is the follow-up's text and a link to its document
	"en": ("Follow-up Due", f"Follow-up due {_DUE}: {_WHAT}"),
	"zh": ("跟进到期提醒", f"跟进到期 {_DUE}：{_WHAT}"),  # noqa: RUF001 (Chinese punctuation)
}
"""The salesperson's reminder on the day a follow-up (a ToDo with a date on a lead, opportunity, deal,
test drive or quotation: crm.schedule_follow_up) is due, sent by Frappe's daily notification job."""


def ensure_defaults(settings):
	lifecycle.ensure_workflow(LIFECYCLE)
	ensure_follow_up_notifications()
	ensure_pdi_template()
	ensure_fees()
	defaults.fill_empty(
		settings,
		{
			"default_pdi_template": PDI_TEMPLATE,
			"fleet_customer_group": "Commercial"
			if frappe.db.exists("Customer Group", "Commercial")
			else None,
			"trade_in_clearing_account": ensure_clearing_account(settings.company)
			if settings.company
			else None,
		},
	)


def ensure_follow_up_notifications():
	"""The follow-up reminders, in the site's language (dms_app/setup/notifications.py)."""
	language = notifications.site_language()
	condition = 'doc.status == "Open" and doc.reference_type in ({})'.format(
		", ".join(f'"{doctype}"' for doctype in FOLLOWED)
	)
	for lang, (name, subject) in FOLLOW_UP_NOTIFICATIONS.items():
		notifications.ensure_notification(
			name,
			enabled=lang == language,
			subject=subject,
			document_type="ToDo",
			event="Days Before",
			date_changed="date",
			days_in_advance=0,
			channel="System Notification",
			condition=condition,
			message=FOLLOW_UP_MESSAGE,
			recipients=[{"receiver_by_document_field": "allocated_to"}],
		)


def ensure_pdi_template():
	if not frappe.db.exists("PDI Template", PDI_TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "PDI Template",
				"template_name": PDI_TEMPLATE,
				"items": [{"section": section, "check_item": check} for section, check in PDI_CHECKS],
			}
		).insert(ignore_permissions=True)


def ensure_fees():
	defaults.ensure_item_group("Vehicle Fees")
	for code, name in FEE_ITEMS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": "Vehicle Fees",
					"stock_uom": "Nos",
					"is_stock_item": 0,
					"include_item_in_manufacturing": 0,
				}
			).insert(ignore_permissions=True)


def ensure_clearing_account(company: str) -> str | None:
	abbr = frappe.get_cached_value("Company", company, "abbr")
	name = f"Trade-in Clearing - {abbr}"
	if frappe.db.exists("Account", name):
		return name
	parent = frappe.db.get_value(
		"Account", {"company": company, "account_name": "Current Liabilities", "is_group": 1}
	) or frappe.db.get_value("Account", {"company": company, "root_type": "Liability", "is_group": 1})
	if not parent:
		return None
	frappe.get_doc(
		{
			"doctype": "Account",
			"account_name": "Trade-in Clearing",
			"parent_account": parent,
			"company": company,
			"account_type": "",
		}
	).insert(ignore_permissions=True)
	return name
