"""Warranty recovery rate = credited ÷ claimed (amounts), per OEM, make or month of submission.

Claimed is every submitted claim (cancelled ones excluded) in the period by submission date;
credited is what the OEM paid on them. Claims still open are shown apart: they lower the rate
until the OEM answers, so read the rate of recent months with the open amount beside it.
"""

import frappe
from frappe import _
from frappe.utils import formatdate

from dms_app.controllers import reports
from dms_app.kpi import recovery_rate
from dms_app.warranty.rules import money

GROUPS = {"OEM": "oem_customer", "Make": "make", "Month": "month"}
OPEN = ("Submitted", "Resubmitted", "Accepted", "Partially Accepted", "Rejected")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	group_by = GROUPS.get(filters.group_by or "OEM", "oem_customer")
	groups = {}
	for claim in frappe.get_list(
		"OEM Warranty Claim",
		filters=conditions(filters),
		fields=[
			"oem_customer",
			"make",
			"submitted_on",
			"status",
			"claimed_amount",
			"credited_amount",
			"written_off_amount",
		],
	):
		key = formatdate(claim.submitted_on, "yyyy-MM") if group_by == "month" else claim.get(group_by)
		row = groups.setdefault(
			key, {"group": key, "claims": 0, "claimed": 0, "credited": 0, "written_off": 0, "open": 0}
		)
		row["claims"] += 1
		row["claimed"] += claim.claimed_amount or 0
		row["credited"] += claim.credited_amount or 0
		row["written_off"] += claim.written_off_amount or 0
		if claim.status in OPEN:
			row["open"] += claim.claimed_amount or 0
	rows = sorted(groups.values(), key=lambda r: str(r["group"]))
	for row in rows:
		for field in ("claimed", "credited", "written_off", "open"):
			row[field] = money(row[field])
		row["recovery_rate"] = recovery_rate(row["credited"], row["claimed"])
	total = {"group": _("Total"), "bold": 1, "claims": sum(r["claims"] for r in rows)}
	for field in ("claimed", "credited", "written_off", "open"):
		total[field] = money(sum(r[field] for r in rows))
	# the rate of the total is credited ÷ claimed overall, not an average of the groups' rates
	total["recovery_rate"] = recovery_rate(total["credited"], total["claimed"])
	total_claimed, total_credited = total["claimed"], total["credited"]
	if rows:
		rows.append(total)
	summary = [
		{"label": _("Claimed"), "value": total_claimed, "datatype": "Currency", "indicator": "Blue"},
		{"label": _("Credited"), "value": total_credited, "datatype": "Currency", "indicator": "Green"},
		{
			"label": _("Warranty recovery rate"),
			"value": recovery_rate(total_credited, total_claimed) or 0,
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
	return columns(filters.group_by or "OEM"), rows, None, None, summary


def conditions(filters) -> dict:
	result = {"docstatus": 1}
	for field in ("company", "oem_customer", "make"):
		if filters.get(field):
			result[field] = filters.get(field)
	if filters.from_date and filters.to_date:
		result["submitted_on"] = ("between", (filters.from_date, filters.to_date))
	return result


def columns(group_label: str) -> list[dict]:
	return [
		reports.column(group_label, "group", width=200),
		reports.column("Claims", "claims", "Int", width=80),
		reports.currency("Claimed", "claimed", 130),
		reports.currency("Credited", "credited", 130),
		reports.currency("Written Off", "written_off", 130),
		reports.currency("Still Open", "open", 130),
		reports.column("Warranty recovery rate", "recovery_rate", "Percent", width=170),
	]
