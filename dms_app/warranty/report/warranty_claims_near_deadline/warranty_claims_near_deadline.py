"""Draft claims whose OEM submission deadline is close (or already past).
Left out: submitted and cancelled claims."""

from frappe.utils import cint

from dms_app.controllers import reports
from dms_app.warranty.deadlines import claims_near_deadline


def execute(filters=None):
	filters = filters or {}
	days = filters.get("days")
	rows = claims_near_deadline(None if days in (None, "") else cint(days))
	for field in ("company", "oem_customer", "make"):
		if filters.get(field):
			rows = [r for r in rows if r.get(field) == filters.get(field)]
	return columns(), rows


def columns() -> list[dict]:
	return [
		reports.column("Claim", "name", "Link", "OEM Warranty Claim", 150),
		reports.column("Deadline", "submission_deadline", "Date", width=110),
		reports.column("Days Left", "days_left", "Int", width=90),
		reports.vin(width=180),
		reports.make(100),
		reports.customer("OEM", "oem_customer", 160),
		reports.repair_order(),
		reports.column("Job", "job_no", "Int", width=60),
		reports.currency("Claimed", "claimed_amount"),
		reports.column("Prepared By", "owner", "Link", "User", 160),
	]
