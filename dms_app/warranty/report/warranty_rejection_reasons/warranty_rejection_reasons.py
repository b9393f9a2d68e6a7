"""OEM rejections and debits by reason code, from every claim's response history (a claim
rejected, resubmitted and cut again counts under both reasons).
Left out: draft and cancelled claims, and responses that accepted in full."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum

from dms_app.controllers import reports
from dms_app.warranty.rules import money


def execute(filters=None):
	filters = frappe._dict(filters or {})
	claim = frappe.qb.DocType("OEM Warranty Claim")
	response = frappe.qb.DocType("OEM Warranty Claim Response")
	reason = frappe.qb.DocType("Warranty Rejection Reason")
	query = (
		frappe.qb.from_(response)
		.join(claim)
		.on(response.parent == claim.name)
		.left_join(reason)
		.on(reason.name == response.reason_code)
		.select(
			response.reason_code,
			reason.title,
			reason.category,
			Count(response.name).as_("responses"),
			Count(response.parent).distinct().as_("claims"),
			Sum(claim.claimed_amount - response.accepted_amount).as_("disallowed"),
		)
		.where(response.parenttype == "OEM Warranty Claim")
		.where(response.status.isin(("Partially Accepted", "Rejected")))
		.where(claim.docstatus == 1)
		.groupby(response.reason_code, reason.title, reason.category)
		.orderby(Count(response.name), order=frappe.qb.desc)
	)
	for field in ("company", "oem_customer", "make"):
		if filters.get(field):
			query = query.where(claim[field] == filters.get(field))
	if filters.from_date and filters.to_date:
		query = query.where(response.response_date.between(filters.from_date, filters.to_date))
	rows = query.run(as_dict=True)
	for row in rows:
		row.disallowed = money(row.disallowed)
	return columns(), rows, None, chart(rows)


def columns() -> list[dict]:
	return [
		reports.column("Code", "reason_code", "Link", "Warranty Rejection Reason", 90),
		reports.column("Reason", "title", width=260),
		reports.column("Category", "category"),
		reports.column("Rejections / Debits", "responses", "Int", width=150),
		reports.column("Claims", "claims", "Int", width=80),
		reports.currency("Amount Disallowed", "disallowed", 150),
	]


def chart(rows) -> dict:
	return {
		"data": {
			"labels": [r.reason_code for r in rows],
			"datasets": [{"name": _("Amount Disallowed"), "values": [r.disallowed for r in rows]}],
		},
		"type": "bar",
	}
