"""Claims per status and age bucket: how many, how much, and how long they have been waiting.

Age counts from submission (the last resubmission) for claims with the OEM, from repair
completion for drafts; it stops at the credit date for credited claims and at the OEM's last
answer for written-off ones.
Left out: cancelled claims.
"""

import frappe
from frappe import _
from frappe.utils import date_diff, getdate, nowdate

from dms_app.controllers import reports
from dms_app.warranty.rules import AGE_BUCKETS, age_bucket

BUCKETS = [label for _limit, label in AGE_BUCKETS] + ["90+"]
STATUS_ORDER = (
	"Draft",
	"Submitted",
	"Resubmitted",
	"Accepted",
	"Partially Accepted",
	"Rejected",
	"Credited",
	"Written Off",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(filters.as_of or nowdate())
	groups = {}
	for claim in frappe.get_list(
		"OEM Warranty Claim",
		filters=conditions(filters),
		fields=[
			"status",
			"claimed_amount",
			"accepted_amount",
			"credited_amount",
			"written_off_amount",
			"repair_completed_on",
			"submitted_on",
			"credit_date",
			"response_date",
		],
	):
		start = claim.submitted_on or claim.repair_completed_on
		settled_on = {"Credited": claim.credit_date, "Written Off": claim.response_date}.get(claim.status)
		end = settled_on or today
		days = max(date_diff(end, start), 0)
		row = groups.setdefault(
			claim.status,
			{
				"status": claim.status,
				"claims": 0,
				"claimed_amount": 0,
				"accepted_amount": 0,
				"credited_amount": 0,
				"written_off_amount": 0,
				"oldest_days": 0,
				**{bucket_field(b): 0 for b in BUCKETS},
			},
		)
		row["claims"] += 1
		for field in ("claimed_amount", "accepted_amount", "credited_amount", "written_off_amount"):
			row[field] += claim.get(field) or 0
		row["oldest_days"] = max(row["oldest_days"], days)
		row[bucket_field(age_bucket(days))] += 1
	rows = sorted(
		groups.values(), key=lambda r: STATUS_ORDER.index(r["status"]) if r["status"] in STATUS_ORDER else 99
	)
	return columns(), rows, None, chart(rows)


def bucket_field(bucket: str) -> str:
	return "days_" + bucket.replace("-", "_").replace("+", "_plus")


def conditions(filters) -> dict:
	result = {"docstatus": ("<", 2)}
	for field in ("company", "oem_customer", "make"):
		if filters.get(field):
			result[field] = filters.get(field)
	if filters.from_date and filters.to_date:
		result["repair_completed_on"] = ("between", (filters.from_date, filters.to_date))
	return result


def columns() -> list[dict]:
	return [
		reports.column("Status", "status", width=150),
		reports.column("Claims", "claims", "Int", width=80),
		reports.currency("Claimed", "claimed_amount", 130),
		reports.currency("Accepted", "accepted_amount", 130),
		reports.currency("Credited", "credited_amount", 130),
		reports.currency("Written Off", "written_off_amount", 130),
		*(reports.column(_("{0} Days").format(b), bucket_field(b), "Int", width=90) for b in BUCKETS),
		reports.column("Oldest (Days)", "oldest_days", "Int", width=110),
	]


def chart(rows) -> dict:
	return {
		"data": {
			"labels": [_(r["status"]) for r in rows],
			"datasets": [{"name": _("Claimed"), "values": [r["claimed_amount"] for r in rows]}],
		},
		"type": "bar",
	}
