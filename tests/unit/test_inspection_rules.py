"""Digital inspection rules and KPIs (no site needed): the colour a reading suggests, readings as
numbers, the files a row may carry, when declined work is due, and the three inspection KPIs."""

from datetime import date

import pytest

from dms_app import kpi
from dms_app.service import inspection_rules as rules


@pytest.mark.parametrize(
	"reading, expected", [(8, "Green"), (4.01, "Green"), (4, "Amber"), (2.5, "Amber"), (2, "Red"), (0, "Red")]
)
def test_lower_is_worse_thresholds_suggest_the_colour(reading, expected):
	assert rules.suggest_rating(reading, 4, 2, rules.LOWER_IS_WORSE) == expected


def test_higher_is_worse_and_missing_values():
	assert rules.suggest_rating(120, 100, 130, rules.HIGHER_IS_WORSE) == "Amber"
	assert rules.suggest_rating(130, 100, 130, rules.HIGHER_IS_WORSE) == "Red"
	assert rules.suggest_rating(90, 100, 130, rules.HIGHER_IS_WORSE) == "Green"
	assert rules.suggest_rating(None, 4, 2) is None
	assert rules.suggest_rating(3, None, None) is None
	assert rules.suggest_rating(3, 4, None) == "Amber"


def test_readings_are_numbers():
	assert rules.parse_reading("3.5") == 3.5
	assert rules.parse_reading(" 3,5 ") == 3.5
	assert rules.parse_reading("") is None
	assert rules.parse_reading(None) is None
	for bad in ("three", "3mm", "nan", "inf"):
		with pytest.raises(ValueError, match="not a number"):
			rules.parse_reading(bad)


def test_media_kind_and_size():
	assert rules.media_problem("brake.JPG", 1000, "photo") is None
	assert rules.media_problem("/private/files/clip.mp4", 1000, "video") is None
	assert "not a photo" in rules.media_problem("invoice.pdf", 1000, "photo")
	assert "not a video" in rules.media_problem("brake.jpg", 1000, "video")
	assert "larger than 10 MB" in rules.media_problem("big.png", rules.MAX_IMAGE_BYTES + 1, "photo")
	assert "not a photo" in rules.media_problem("no-extension", 10, "photo")


def test_declined_work_due_dates():
	assert rules.due_date("Red", date(2026, 1, 1)) == date(2026, 1, 31)
	assert rules.due_date("Amber", date(2026, 1, 1)) == date(2026, 4, 1)
	assert rules.needs_work("Red") and rules.needs_work("Amber") and not rules.needs_work("Green")


def test_inspection_kpis():
	assert kpi.inspection_rate(45, 60) == 75.0
	assert kpi.inspection_rate(0, 0) is None
	assert kpi.red_amber_sold_percent(3, 8) == 37.5
	assert kpi.red_amber_sold_percent(0, 0) is None
	assert kpi.deferred_work_recovered(1, 3) == 33.33
	assert kpi.deferred_work_recovered(0, 4) == 0
