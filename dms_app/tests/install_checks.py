"""What a freshly installed site must have, checked on both install paths: the test site `./dms`
makes, and install-app dms_app on an ERPNext site set up for another company, currency and time
zone (tests/integration/test_install.py runs these there through a subprocess).

Each check raises AssertionError with what is wrong; the flows run inside the caller's transaction,
which the caller rolls back."""

import frappe
from frappe.model import table_fields
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, cast, get_time, getdate, nowdate

from dms_app.service.setup import APPOINTMENT_NOTIFICATIONS
from dms_app.setup.defaults import ITEM_GROUPS, WAREHOUSES
from dms_app.tests import factories, service_appointments, vehicle_sales

WORKFLOWS = ("Vehicle Deal", "Repair Order", "OEM Warranty Claim", "OEM Vehicle Order", "Service Appointment")
COMPANY_ACCOUNTS = (
	"trade_in_clearing_account",
	"warranty_income_account",
	"warranty_write_off_account",
	"internal_service_expense_account",
	"warranty_parts_expense_account",
)


def comparable(fieldtype: str, value):
	return str(get_time(value)) if fieldtype == "Time" and value else cast(fieldtype, value)


def check_settings() -> None:
	"""Every DocField default of DMS Settings is stored, and the links point at this company's records."""
	meta = frappe.get_meta("DMS Settings")
	stored = frappe.db.get_singles_dict("DMS Settings", cast=True)
	wrong = {
		df.fieldname: (stored.get(df.fieldname), df.default)
		for df in meta.fields
		if df.default is not None
		and df.fieldtype not in table_fields
		and comparable(df.fieldtype, stored.get(df.fieldname)) != comparable(df.fieldtype, df.default)
	}
	assert not wrong, f"DMS Settings differ from their defaults (stored, default): {wrong}"

	company = frappe.defaults.get_global_default("company")
	assert stored.company == company, (stored.company, company)
	for field in WAREHOUSES:
		assert frappe.db.get_value("Warehouse", stored[field], "company") == company, (field, stored[field])
	for field in COMPANY_ACCOUNTS:
		assert frappe.db.get_value("Account", stored[field], "company") == company, (field, stored[field])
	for field, group in ITEM_GROUPS.items():
		assert stored[field] == group, (field, stored[field])
	assert frappe.db.exists("PDI Template", stored.default_pdi_template)
	assert frappe.get_single("DMS Settings").alert_rules, "no alert rules"
	for doctype in WORKFLOWS:
		assert frappe.db.exists("Workflow", {"document_type": doctype, "is_active": 1}), doctype


def check_deal_approval() -> None:
	"""A discount over the default limit goes to a Sales Manager, as in the demo."""
	vin = vehicle_sales.stock_vehicle()
	deal = vehicle_sales.make_deal(factories.make_customer(), vin, vehicle_price=30000, discount_amount=2500)
	assert deal.needs_approval
	deal = apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Request Approval")
	assert deal.approval_status == "Pending Approval"
	deal = apply_workflow(deal, "Approve")
	assert deal.approval_status == "Approved"


def check_appointment_booking() -> None:
	"""A drop-off at 09:00 on a working day is inside the default workshop hours and slots; the
	customer's confirmation and reminder emails are there, enabled."""
	technician = service_appointments.make_technician()
	day = getdate(add_days(nowdate(), 7))
	appointment = frappe.get_doc(
		{
			"doctype": "Service Appointment",
			"vehicle": service_appointments.make_customer_vehicle(),
			"appointment_date": day,
			"start_time": "09:00:00",
			"estimated_hours": 1,
			"status": "Requested",
		}
	).insert()
	assert appointment.name and technician
	for notification in APPOINTMENT_NOTIFICATIONS:
		assert frappe.db.get_value("Notification", notification, "enabled"), notification


def check_pdi() -> None:
	"""A new PDI checklist gets the default template's checks."""
	pdi = frappe.get_doc({"doctype": "PDI Checklist", "vin": vehicle_sales.stock_vehicle()}).insert()
	assert len(pdi.items) > 5, pdi.items


def check_role_permissions() -> None:
	"""A Service Advisor with no ERPNext role picks customers and technicians, and no more."""
	advisor = factories.make_user(roles=("Service Advisor",))
	assert frappe.has_permission("Customer", "select", user=advisor)
	assert frappe.has_permission("Customer", "read", user=advisor)
	assert not frappe.has_permission("Customer", "write", user=advisor)
	assert frappe.has_permission("Employee", "select", user=advisor)
	assert not frappe.has_permission("Employee", "read", user=advisor)


def check_locale() -> None:
	"""CNY prints as ¥, and the desk's date format is the one System Settings show (China's)."""
	assert frappe.db.get_value("Currency", "CNY", "symbol")
	assert frappe.db.get_default("date_format") == frappe.db.get_single_value(
		"System Settings", "date_format"
	)


def check_departments() -> None:
	"""Every department has its income and cost-of-sales account and cost center in the company, and
	the item groups' defaults send a plain invoice's lines there (dms_app.dealer_accounting)."""
	from dms_app.dealer_accounting.accounts import department_accounts
	from dms_app.dealer_accounting.departments import DEPARTMENTS, PARTS_DEPARTMENT

	company = frappe.db.get_single_value("DMS Settings", "company")
	rows = department_accounts(company)
	for department in DEPARTMENTS:
		row = rows[department.key]
		assert row.income_account and row.cost_of_sales_account and row.cost_center, (department.key, row)
		assert frappe.db.get_value("Account", row.income_account, "root_type") == "Income", row
		assert frappe.db.get_value("Account", row.cost_of_sales_account, "root_type") == "Expense", row
		assert frappe.db.get_value("Cost Center", row.cost_center, "company") == company, row
	parts = frappe.db.get_value(
		"Item Default",
		{"parenttype": "Item Group", "parent": "Parts", "company": company},
		["income_account", "selling_cost_center"],
	)
	assert parts == (rows[PARTS_DEPARTMENT.key].income_account, rows[PARTS_DEPARTMENT.key].cost_center), parts


def check_all() -> None:
	check_settings()
	check_departments()
	check_locale()
	check_role_permissions()
	check_deal_approval()
	check_appointment_booking()
	check_pdi()


def run_on_site(site: str) -> None:
	"""Entry point for a subprocess: check `site` inside a transaction that is rolled back."""
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	try:
		check_all()
	finally:
		frappe.db.rollback()
		frappe.destroy()
