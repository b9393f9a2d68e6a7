"""The four warranty reports on real claims."""

import frappe
from frappe.utils import add_days, nowdate

from dms_app.tests.warranty import make_claim, make_customer_vehicle, make_warranty_make, respond
from dms_app.warranty.report.warranty_claims_by_status import warranty_claims_by_status
from dms_app.warranty.report.warranty_claims_near_deadline import warranty_claims_near_deadline
from dms_app.warranty.report.warranty_recovery_rate import warranty_recovery_rate
from dms_app.warranty.report.warranty_rejection_reasons import warranty_rejection_reasons


def test_reports():
	oem = make_warranty_make()
	credited = make_claim(make_customer_vehicle(), submit=True)
	respond(credited, "Partially Accept", accepted_amount=300, rejection_reason="EXH")
	respond(credited, "Record Credit", credit_reference="CN-1")
	rejected = make_claim(make_customer_vehicle(), submit=True)
	respond(rejected, "Reject", rejection_reason="WCP")
	respond(rejected, "Write Off")
	make_claim(make_customer_vehicle(), submit=True)  # still with the OEM
	draft = make_claim(
		make_customer_vehicle(),
		failure_date=add_days(nowdate(), -30),
		repair_completed_on=add_days(nowdate(), -26),
	)
	filters = {"oem_customer": oem}

	_cols, rows, *_ = warranty_claims_by_status.execute(filters)
	by_status = {r["status"]: r for r in rows}
	assert {s: r["claims"] for s, r in by_status.items()} == {
		"Draft": 1,
		"Submitted": 1,
		"Credited": 1,
		"Written Off": 1,
	}
	assert by_status["Credited"]["credited_amount"] == 300 and by_status["Draft"]["days_0_30"] == 1
	# 100 days on, only the claim still with the OEM has aged: settled claims stopped at their answer
	_cols, rows, *_ = warranty_claims_by_status.execute({**filters, "as_of": add_days(nowdate(), 100)})
	aged = {r["status"]: r["oldest_days"] for r in rows}
	assert (aged["Submitted"], aged["Credited"], aged["Written Off"]) == (100, 0, 0)

	_cols, rows, _msg, _chart, summary = warranty_recovery_rate.execute(filters)
	row, total = rows
	assert total["group"] == "Total" and total["recovery_rate"] == 22.22
	assert (row["claimed"], row["credited"], row["written_off"], row["open"]) == (1350, 300, 600, 450)
	assert row["recovery_rate"] == 22.22
	assert summary[2]["label"] == "Warranty recovery rate" and summary[2]["value"] == 22.22

	_cols, rows, *_ = warranty_rejection_reasons.execute(filters)
	assert {(r.reason_code, r.responses, r.disallowed) for r in rows} == {("EXH", 1, 150), ("WCP", 1, 450)}

	_cols, rows = warranty_claims_near_deadline.execute({"days": 7, "oem_customer": oem})
	assert [(r["name"], r["days_left"]) for r in rows] == [(draft.name, 4)]
	assert frappe.db.exists("Report", "Warranty Recovery Rate")
