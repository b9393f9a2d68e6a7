"""Workshop capacity maths: technician hours per day, free hours, slots (no database)."""

from datetime import date, datetime, time

import pytest

from dms_app.service.capacity import (
	Technician,
	day_capacity,
	days_between,
	fits,
	free_hours,
	open_slots,
	slot_times,
)

MONDAY = date(2026, 11, 30)


def test_capacity_sums_technicians_with_days_off_absences_and_employment_bounds():
	staff = [
		Technician(8),
		Technician(7.5, days_off=frozenset({MONDAY})),
		Technician(8, reduced={MONDAY: 4}),
		Technician(8, joined=date(2026, 12, 1)),
		Technician(8, left=date(2026, 11, 29)),
	]
	assert day_capacity(staff, MONDAY) == 12  # 8 + 0 + 4 + not yet + already left
	assert day_capacity(staff, date(2026, 12, 1)) == 8 + 7.5 + 8 + 8


def test_reduced_hours_never_exceed_a_normal_day_nor_go_negative():
	assert Technician(6, reduced={MONDAY: 10}).hours_on(MONDAY) == 6
	assert Technician(6, reduced={MONDAY: -2}).hours_on(MONDAY) == 0


def test_no_technicians_means_no_capacity():
	assert day_capacity([], MONDAY) == 0


@pytest.mark.parametrize(
	("capacity", "booked", "hours", "expected"),
	[(16, 12, 4, True), (16, 12, 4.01, False), (16, 15.9999999, 0.0000001, True), (0, 0, 0.5, False)],
)
def test_fits_allows_exactly_the_remaining_hours(capacity, booked, hours, expected):
	assert fits(capacity, booked, hours) is expected


def test_free_hours_is_never_negative_when_overbooked_by_an_absence():
	assert free_hours(8, 10) == 0
	assert free_hours(16, 6.5) == 9.5


def test_slot_times_stop_one_interval_before_closing():
	assert slot_times(time(8), time(10), 30) == [time(8), time(8, 30), time(9), time(9, 30)]
	assert slot_times(time(8), time(8, 20), 30) == []
	with pytest.raises(ValueError):
		slot_times(time(8), time(17), 0)


def test_open_slots_skip_past_and_full_slots_and_days_without_room():
	times = slot_times(time(8), time(10), 60)
	now = datetime(2026, 11, 30, 8, 0)
	slots = open_slots(MONDAY, 16, 10, 2, times, {time(9): 1}, 2, now)
	assert [s["start_time"] for s in slots] == [time(9)]  # 08:00 is now, so past
	assert slots[0]["free_hours"] == 6
	assert open_slots(MONDAY, 16, 10, 2, times, {time(9): 2}, 2, now) == []  # slot full
	assert len(open_slots(MONDAY, 16, 10, 2, times, {time(9): 5}, 0, now)) == 1  # 0 = no limit
	assert open_slots(MONDAY, 16, 15, 2, times, {}, 2, now) == []  # not enough hours
	assert open_slots(MONDAY, 16, 0, 0, times, {}, 2, now) == []  # nothing to book


def test_days_between_is_inclusive():
	assert days_between(MONDAY, date(2026, 12, 2)) == [MONDAY, date(2026, 12, 1), date(2026, 12, 2)]
	assert days_between(MONDAY, MONDAY) == [MONDAY]
