"""Floor-plan interest per vehicle and month: daily accrual, free days, payoffs, rounding."""

from datetime import date

from dms_app.floor_plan.interest import accrue, month_bounds, previous_month

JAN = (date(2026, 1, 1), date(2026, 1, 31))


def test_a_whole_month_on_the_whole_principal():
	# 36500 at 10 % a year: 10.00 a day on actual/365, 31 days
	accrual = accrue(36500, [], date(2025, 11, 1), 0, 10, *JAN)
	assert (accrual.interest, accrual.days, accrual.average_principal) == (310.0, 31, 36500.0)


def test_free_days_count_from_the_financing_day():
	# financed Jan 10 with 5 free days: Jan 10..14 free, interest from Jan 15 (17 days)
	assert accrue(36500, [], date(2026, 1, 10), 5, 10, *JAN).days == 17
	assert accrue(36500, [], date(2026, 1, 10), 5, 10, *JAN).interest == 170.0
	# free days running past the month: nothing
	assert accrue(36500, [], date(2026, 1, 20), 30, 10, *JAN).interest == 0
	# financed after the month
	assert accrue(36500, [], date(2026, 2, 3), 0, 10, *JAN).days == 0


def test_a_curtailment_reduces_the_principal_from_its_date_and_a_payoff_stops_it():
	# 10 days on 36500, then 3650 repaid on Jan 11: 10 days on 32850; paid off Jan 21
	payments = [(date(2026, 1, 21), 32850), (date(2026, 1, 11), 3650)]
	accrual = accrue(36500, payments, date(2025, 12, 1), 0, 10, *JAN)
	assert accrual.days == 20
	assert accrual.interest == 190.0
	assert accrual.average_principal == round((36500 * 10 + 32850 * 10) / 20, 2)
	# paid before the month: nothing; paid on the month's first day: nothing
	assert accrue(36500, [(date(2025, 12, 20), 36500)], date(2025, 12, 1), 0, 10, *JAN).interest == 0
	assert accrue(36500, [(date(2026, 1, 1), 36500)], date(2025, 12, 1), 0, 10, *JAN).interest == 0


def test_rounded_to_the_cent_once_per_vehicle_and_month():
	# 25000.55 at 6.25 %: 4.28091... a day, 31 days = 132.708... → 132.71 (not 31 * 4.28 = 132.68)
	assert accrue(25000.55, [], date(2025, 1, 1), 0, 6.25, *JAN).interest == 132.71
	assert accrue(25000, [], date(2025, 1, 1), 0, 0, *JAN).interest == 0
	# another day-count
	assert accrue(36000, [], date(2025, 1, 1), 0, 10, *JAN, days_in_year=360).interest == 310.0


def test_months():
	assert month_bounds(date(2024, 2, 17)) == (date(2024, 2, 1), date(2024, 2, 29))
	assert previous_month(date(2026, 1, 1)) == date(2025, 12, 1)
	assert previous_month(date(2026, 3, 31)) == date(2026, 2, 1)
