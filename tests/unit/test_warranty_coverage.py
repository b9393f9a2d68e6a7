from datetime import date

import pytest

from dms_app.warranty.coverage import (
	Policy,
	add_months,
	applicable_policies,
	covering_policies,
	to_km,
	whole_months_between,
)

START = date(2024, 3, 15)
POLICIES = [
	Policy("TOY-BASIC", "Toyota", "Basic", 36, 100_000),
	Policy("TOY-PT", "Toyota", "Powertrain", 60, 160_000),
	Policy("TOY-CORR", "Toyota", "Corrosion", 144, 0),
	Policy("TOY-BEV-BATT", "Toyota", "EV Battery", 96, 160_000),
	Policy("TOY-BZ4X-BATT", "Toyota", "EV Battery", 120, 1_000_000, model="Toyota bZ4X"),
	Policy("BYD-BASIC", "BYD", "Basic", 72, 150_000),
]


def names(covers):
	return [getattr(c, "policy", None) or c.name for c in covers]


def test_last_covered_day_is_day_before_anniversary():
	on_last_day = covering_policies(POLICIES, "Toyota", "Toyota Corolla", START, date(2027, 3, 14), 10)
	assert "TOY-BASIC" in names(on_last_day)
	basic = next(c for c in on_last_day if c.policy == "TOY-BASIC")
	assert basic.expires_on == date(2027, 3, 14) and basic.remaining_days == 0
	on_anniversary = covering_policies(POLICIES, "Toyota", "Toyota Corolla", START, date(2027, 3, 15), 10)
	assert "TOY-BASIC" not in names(on_anniversary)
	assert "TOY-PT" in names(on_anniversary)


def test_distance_limit_is_inclusive():
	at_limit = covering_policies(POLICIES, "Toyota", "Toyota Corolla", START, date(2025, 1, 1), 100_000)
	assert "TOY-BASIC" in names(at_limit)
	assert next(c for c in at_limit if c.policy == "TOY-BASIC").remaining_km == 0
	over = covering_policies(POLICIES, "Toyota", "Toyota Corolla", START, date(2025, 1, 1), 100_001)
	assert "TOY-BASIC" not in names(over) and "TOY-PT" in names(over)


def test_unlimited_distance_and_remaining_figures():
	covers = covering_policies(POLICIES, "Toyota", "Toyota Corolla", START, date(2025, 3, 15), 400_000)
	assert names(covers) == ["TOY-CORR"]
	corrosion = covers[0]
	assert corrosion.remaining_km is None
	assert corrosion.expires_on == date(2036, 3, 14)
	assert corrosion.remaining_months == 132


def test_whichever_first_time_or_distance():
	early_but_far = covering_policies(POLICIES, "Toyota", None, START, date(2024, 6, 1), 160_001)
	assert names(early_but_far) == ["TOY-CORR"]
	late_but_near = covering_policies(POLICIES, "Toyota", None, START, date(2029, 3, 15), 20)
	assert names(late_but_near) == ["TOY-CORR", "TOY-BEV-BATT"]


def test_before_start_or_without_start_is_not_covered():
	assert covering_policies(POLICIES, "Toyota", None, START, date(2024, 3, 14), 5) == []
	assert covering_policies(POLICIES, "Toyota", None, None, date(2024, 3, 20), 5) == []
	assert names(covering_policies(POLICIES, "Toyota", None, START, START, 0))[0] == "TOY-CORR"


def test_other_makes_policies_do_not_apply():
	covers = covering_policies(POLICIES, "BYD", "BYD Seal", START, date(2025, 1, 1), 10)
	assert names(covers) == ["BYD-BASIC"]
	assert covering_policies(POLICIES, "Volkswagen", None, START, date(2025, 1, 1), 10) == []


def test_model_policy_replaces_make_wide_policy_of_same_group():
	for_bz4x = applicable_policies(POLICIES, "Toyota", "Toyota bZ4X")
	assert "TOY-BZ4X-BATT" in names(for_bz4x) and "TOY-BEV-BATT" not in names(for_bz4x)
	assert "TOY-BASIC" in names(for_bz4x)
	for_corolla = applicable_policies(POLICIES, "Toyota", "Toyota Corolla")
	assert "TOY-BEV-BATT" in names(for_corolla) and "TOY-BZ4X-BATT" not in names(for_corolla)


def test_month_arithmetic_clamps_to_month_end():
	assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
	assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
	assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
	leap_start = covering_policies(POLICIES, "Toyota", None, date(2024, 2, 29), date(2027, 2, 27), 10)
	assert next(c for c in leap_start if c.policy == "TOY-BASIC").expires_on == date(2027, 2, 27)
	assert whole_months_between(date(2024, 1, 15), date(2024, 2, 14)) == 0
	assert whole_months_between(date(2024, 1, 15), date(2024, 2, 15)) == 1


def test_miles_are_converted():
	assert to_km(62_137.12, "mi") == pytest.approx(100_000, abs=0.01)
	assert to_km(500, "km") == 500
	km = to_km(62_138, "mi")
	assert "TOY-BASIC" not in names(covering_policies(POLICIES, "Toyota", None, START, date(2025, 1, 1), km))


def test_negative_odometer_is_refused():
	with pytest.raises(ValueError):
		covering_policies(POLICIES, "Toyota", None, START, date(2025, 1, 1), -1)


def test_group_failure_is_paid_by_its_group_or_basic():
	from dms_app.warranty.coverage import cover_for_group

	young = covering_policies(POLICIES, "Toyota", None, START, date(2025, 1, 1), 10)
	assert cover_for_group(young, "Powertrain").policy == "TOY-PT"
	assert cover_for_group(young, "Emissions").policy == "TOY-BASIC"
	assert cover_for_group(young, None).policy == "TOY-BASIC"
	old = covering_policies(POLICIES, "Toyota", None, START, date(2028, 1, 1), 10)
	assert cover_for_group(old, "Powertrain").policy == "TOY-PT"
	assert cover_for_group(old, "Emissions") is None
