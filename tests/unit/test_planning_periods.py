from datetime import date

from dms_app.planning.periods import add_months, build_histories, history_window, month_index, week_key


def test_month_arithmetic_crosses_years():
	assert add_months(date(2026, 11, 23), 2) == date(2027, 1, 1)
	assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
	assert month_index(date(2027, 2, 28), date(2026, 11, 1)) == 3


def test_history_window_is_complete_months_before_this_one():
	assert history_window(date(2026, 11, 23), 24) == (date(2024, 11, 1), date(2026, 11, 1))


def test_week_key_is_iso_week():
	assert week_key(date(2026, 11, 23)) == "2026-W48"
	assert week_key(date(2027, 1, 1)) == "2026-W53"


def test_histories_sum_per_month_start_at_first_demand_and_clip_returns():
	start = date(2026, 1, 1)
	rows = [
		("a", date(2026, 3, 1), 2),
		("a", date(2026, 3, 1), 1),  # same month adds up
		("a", date(2026, 5, 1), 4),
		("b", date(2026, 2, 1), 5),
		("b", date(2026, 4, 1), -2),  # more returned than sold that month: zero demand
		("c", date(2025, 12, 1), 9),  # outside the window
		("zz", date(2026, 2, 1), 7),  # not asked for
	]
	assert build_histories(["a", "b", "c"], rows, start, 6) == [
		[3, 0, 4, 0],
		[5, 0, 0, 0, 0],
		[0],
	]
