"""Next service due by date and by mileage, whichever first (no database)."""

from datetime import date

import pytest

from dms_app.service.intervals import (
	Interval,
	add_months,
	daily_distance,
	distance_in_unit,
	due_reason,
	next_due,
)


@pytest.mark.parametrize(
	("day", "months", "expected"),
	[
		(date(2026, 1, 31), 1, date(2026, 2, 28)),
		(date(2024, 1, 31), 1, date(2024, 2, 29)),
		(date(2026, 11, 23), 12, date(2027, 11, 23)),
		(date(2026, 11, 30), 3, date(2027, 2, 28)),
		(date(2026, 5, 15), 0, date(2026, 5, 15)),
	],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
	assert add_months(day, months) == expected


def test_time_limit_wins_for_a_car_that_drives_little():
	due = next_due(date(2026, 1, 10), 20000, Interval(12, 15000), per_day=10)  # 15000 km in 1500 days
	assert due.date == date(2027, 1, 10) == due.date_by_time
	assert due.odometer == 35000
	assert due.date_by_mileage == date(2030, 2, 18)
	assert due.basis == "time"


def test_mileage_limit_wins_for_a_car_that_drives_a_lot():
	due = next_due(date(2026, 1, 10), 20000, Interval(12, 15000), per_day=100)  # 150 days
	assert due.date == date(2026, 6, 9) == due.date_by_mileage
	assert due.basis == "mileage"


def test_without_a_daily_distance_only_the_date_is_estimated():
	due = next_due(date(2026, 1, 10), 5000, Interval(6, 10000))
	assert due.date == date(2026, 7, 10)
	assert due.odometer == 15000
	assert due.date_by_mileage is None


def test_intervals_in_km_are_converted_for_odometers_in_miles():
	due = next_due(date(2026, 1, 10), 10000, Interval(12, 16093), unit="mi")
	assert due.odometer == 20000
	assert distance_in_unit(15000, "km") == 15000


def test_a_distance_only_or_time_only_interval():
	assert next_due(date(2026, 1, 1), 0, Interval(0, 10000)).date is None
	assert next_due(date(2026, 1, 1), 0, Interval(0, 10000)).odometer == 10000
	assert next_due(date(2026, 1, 1), 0, Interval(0, 10000)).basis == "mileage"
	time_only = next_due(date(2026, 1, 1), 0, Interval(24, 0))
	assert time_only.date == date(2028, 1, 1) and time_only.odometer is None


def test_nothing_known_means_nothing_due():
	due = next_due(None, None, Interval(12, 15000))
	assert due.date is None and due.odometer is None and due.basis is None


@pytest.mark.parametrize(
	("since", "start", "until", "odometer", "expected"),
	[
		(date(2026, 1, 1), 0, date(2026, 4, 11), 5000, 50.0),
		(date(2026, 1, 1), 0, date(2026, 1, 3), 500, None),  # too few days to tell
		(date(2026, 1, 1), 5000, date(2026, 6, 1), 4000, None),  # odometer went back
		(None, 0, date(2026, 6, 1), 4000, None),
	],
)
def test_daily_distance(since, start, until, odometer, expected):
	assert daily_distance(since, start, until, odometer) == expected


def test_due_reason_by_date_by_mileage_or_not_due():
	today = date(2026, 11, 23)
	assert due_reason(date(2026, 12, 10), 30000, 10000, today, 30, 1000) == "date"
	assert due_reason(date(2026, 10, 1), None, None, today, 30, 1000) == "date"  # overdue
	assert due_reason(date(2027, 6, 1), 30000, 29500, today, 30, 1000) == "mileage"
	assert due_reason(date(2027, 6, 1), 30000, 31000, today, 30, 1000) == "mileage"  # overdue
	assert due_reason(date(2027, 6, 1), 30000, 20000, today, 30, 1000) is None
	assert due_reason(None, 30000, None, today, 30, 1000) is None  # odometer unknown
