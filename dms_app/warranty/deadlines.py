"""Draft claims running out of time to be submitted to the OEM."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from dms_app.warranty.rules import days_to_deadline


def claims_near_deadline(days: int | None = None) -> list[dict]:
	"""Draft claims whose submission deadline is within `days` (default: DMS Settings), soonest
	first, each with `days_left` (negative once the deadline has passed)."""
	if days is None:
		days = frappe.db.get_single_value("DMS Settings", "warranty_deadline_alert_days") or 7
	today = getdate(nowdate())
	claims = frappe.get_list(
		"OEM Warranty Claim",
		filters={"docstatus": 0, "submission_deadline": ("<=", add_days(today, int(days)))},
		fields=[
			"name",
			"company",
			"vin",
			"make",
			"oem_customer",
			"repair_order",
			"job_no",
			"claimed_amount",
			"submission_deadline",
			"owner",
		],
		order_by="submission_deadline asc, name asc",
	)
	for claim in claims:
		claim["days_left"] = days_to_deadline(getdate(claim.submission_deadline), today)
	return claims
