"""Workshop KPI formulas and clocking arithmetic (no site needed)."""

from datetime import datetime

import pytest

from dms_app import kpi
from dms_app.service import hours


def test_efficiency_productivity_proficiency_follow_the_domain_formulas():
	assert kpi.technician_efficiency(9, 7.5) == pytest.approx(1.2)
	assert kpi.technician_productivity(7.5, 8) == pytest.approx(0.9375)
	assert kpi.technician_proficiency(9, 8) == pytest.approx(1.125)
	assert kpi.technician_efficiency(9, 0) is None
	assert kpi.technician_productivity(0, 0) is None


def test_effective_labour_rate_is_sales_over_hours_billed():
	assert kpi.effective_labour_rate(1250, 10) == 125
	assert kpi.effective_labour_rate(0, 0) is None


def test_attended_hours_count_present_and_half_days_only():
	assert hours.attended_hours(["Present", "Half Day", "Absent", "On Leave", "Work From Home"], 8) == 20


def test_hours_between_clock_on_and_off():
	nine, eleven = datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 11, 15)
	assert hours.hours_between(nine, eleven) == 2.25


@pytest.mark.parametrize(
	"days,label",
	[
		(0, "Today"),
		(1, "1-2 days"),
		(2, "1-2 days"),
		(7, "3-7 days"),
		(30, "8-30 days"),
		(31, "Over 30 days"),
	],
)
def test_age_buckets_edges(days, label):
	assert hours.age_bucket(days) == label
