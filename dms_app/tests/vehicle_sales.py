"""Factories for vehicle sales tests (records are made inside the test's rolled-back transaction)."""

import frappe
from frappe.utils import add_days, now_datetime, nowdate, random_string

from dms_app.tests import factories


def stock_vehicle(rate: float = 25000, trim: str | None = None) -> str:
	"""A new vehicle received into stock; returns its VIN."""
	trim = trim or factories.make_vehicle_trim(list_price=30000)
	vin = factories.make_vin()
	factories.receive_vehicles([vin], trim, rate=rate)
	return vin


def make_lead(name: str | None = None, owner: str | None = None) -> str:
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": name or f"Prospect {random_string(5)}",
			"lead_owner": owner,
			"source": None,
		}
	)
	lead.insert(ignore_permissions=True)
	return lead.name


def tax_template(rate: float = 10) -> str:
	company = factories.default_company()
	abbr = frappe.get_cached_value("Company", company, "abbr")
	account = f"Test Sales Tax - {abbr}"
	if not frappe.db.exists("Account", account):
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": "Test Sales Tax",
				"parent_account": frappe.db.get_value(
					"Account", {"company": company, "account_name": "Duties and Taxes", "is_group": 1}
				),
				"company": company,
				"account_type": "Tax",
			}
		).insert()
	title = f"Test Sales Tax {rate}"
	name = frappe.db.get_value("Sales Taxes and Charges Template", {"title": title, "company": company})
	if name:
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Sales Taxes and Charges Template",
				"title": title,
				"company": company,
				"taxes": [
					{
						"charge_type": "On Net Total",
						"account_head": account,
						"description": "Sales tax",
						"rate": rate,
					}
				],
			}
		)
		.insert()
		.name
	)


def make_deal(customer: str | None = None, vin: str | None = None, submit_workflow: bool = False, **fields):
	deal = frappe.get_doc(
		{
			"doctype": "Vehicle Deal",
			"company": factories.default_company(),
			"customer": customer,
			"vin": vin,
			"deal_type": "Stock Vehicle" if vin else "Factory Order",
			**fields,
		}
	)
	deal.insert()
	return deal


def run_daily_notifications():
	"""Frappe's daily job for date-based Notifications (its scheduler's trigger_daily_alerts), inside
	the test's transaction: the job commits after each notification it sends."""
	from unittest.mock import patch

	from frappe.email.doctype.notification.notification import trigger_daily_alerts

	with patch.object(frappe.db, "commit"):
		trigger_daily_alerts()


def approve(deal, action: str = "Approve"):
	from frappe.model.workflow import apply_workflow

	return apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), action)


def pass_pdi(vin: str):
	pdi = frappe.get_doc({"doctype": "PDI Checklist", "vin": vin})
	pdi.insert()
	for row in pdi.items:
		row.result = "Pass"
	pdi.save()
	pdi.submit()
	return pdi


def make_appraisal(customer: str, vin: str | None = None, value: float = 9000, submit: bool = True):
	appraisal = frappe.get_doc(
		{
			"doctype": "Trade-in Appraisal",
			"customer": customer,
			"vin": vin or factories.make_vin(wmi="WVW", vds="ZZZAU", year_code="E"),
			"odometer": 84000,
			"appraised_value": value,
		}
	)
	appraisal.insert()
	for row in appraisal.condition_items:
		row.rating = "Good"
	appraisal.save()
	if submit:
		appraisal.submit()
	return appraisal


def make_test_drive(vehicle: str, start=None, hours: float = 1, **fields):
	start = start or add_days(now_datetime(), 1)
	return frappe.get_doc(
		{
			"doctype": "Test Drive",
			"vehicle": vehicle,
			"start_time": start,
			"end_time": frappe.utils.add_to_date(start, hours=hours),
			"driver_name": "Test Driver",
			"licence_number": "D1234567",
			"licence_expiry": add_days(nowdate(), 365),
			**fields,
		}
	).insert()


def tax_account() -> str:
	abbr = frappe.get_cached_value("Company", factories.default_company(), "abbr")
	return f"Test Sales Tax - {abbr}"
