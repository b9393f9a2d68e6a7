from datetime import date

import pytest

from dms_app.warranty.rules import (
	days_to_deadline,
	decision_for,
	line_amount,
	money,
	reimbursement_rate,
	response_path,
	submission_deadline,
)


def test_money_rounds_half_up_to_the_cent():
	assert money(2.675) == 2.68
	assert money(None) == 0
	assert line_amount(1.3, 98.5) == 128.05


def test_parts_reimbursement_is_dealer_net_plus_handling():
	assert reimbursement_rate(100, 12.5) == 112.5
	assert reimbursement_rate(38.0, 0) == 38.0
	assert reimbursement_rate(33.33, 10) == 36.66


def test_deadline_counts_days_from_completion():
	deadline = submission_deadline(date(2026, 1, 31), 30)
	assert deadline == date(2026, 3, 2)
	assert days_to_deadline(deadline, date(2026, 3, 2)) == 0
	assert days_to_deadline(deadline, date(2026, 3, 3)) == -1


def test_decision_follows_the_accepted_amount():
	assert decision_for(100, 100) == "Accepted"
	assert decision_for(99.99, 100) == "Partially Accepted"
	assert decision_for(0, 100) == "Rejected"


def test_response_paths():
	assert response_path("Submitted", "Accepted", 100, 100) == ["Accepted"]
	assert response_path("Resubmitted", "Rejected", 0, 100) == ["Rejected"]
	assert response_path("Submitted", "Credited", 60, 100) == ["Partially Accepted", "Credited"]
	assert response_path("Submitted", "Credited", 100, 100) == ["Accepted", "Credited"]
	assert response_path("Partially Accepted", "Credited", 60, 100) == ["Credited"]


@pytest.mark.parametrize(
	"current,target,accepted",
	[
		("Draft", "Accepted", 100),
		("Credited", "Accepted", 100),
		("Submitted", "Accepted", 50),  # amount says partial
		("Submitted", "Credited", 0),
		("Rejected", "Credited", 10),
		("Submitted", "Paid", 100),
	],
)
def test_impossible_responses(current, target, accepted):
	with pytest.raises(ValueError):
		response_path(current, target, accepted, 100)


def test_warranty_recovery_rate_is_credited_over_claimed():
	from dms_app.kpi import recovery_rate

	assert recovery_rate(300, 450) == 66.67
	assert recovery_rate(0, 100) == 0
	assert recovery_rate(0, 0) is None


def test_age_buckets():
	from dms_app.warranty.rules import age_bucket

	assert [age_bucket(d) for d in (0, 30, 31, 60, 61, 90, 91)] == [
		"0-30",
		"0-30",
		"31-60",
		"31-60",
		"61-90",
		"61-90",
		"90+",
	]
