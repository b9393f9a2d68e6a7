"""Cell text as DocField values for the migration import (dms_app/data_exchange/values.py)."""

from datetime import date, datetime

import pytest

from dms_app.data_exchange.values import convert, same


@pytest.mark.parametrize(
	"fieldtype, text, value",
	[
		("Int", "42,000", 42000),
		("Int", " 3 000 ", 3000),
		("Currency", "¥12,800.50", 12800.5),
		("Currency", "\uffe51,000", 1000.0),
		("Float", "", None),
		("Check", "是", 1),
		("Check", "No", 0),
		("Check", "", 0),
		("Date", "2026-03-01", date(2026, 3, 1)),
		("Date", "2026/3/1", date(2026, 3, 1)),
		("Date", "2026年3月1日", date(2026, 3, 1)),
		("Date", "2026-03-01 10:00:00", date(2026, 3, 1)),
		("Datetime", "2026-03-01 10:05:07", datetime(2026, 3, 1, 10, 5, 7)),
		("Data", " 沪A12345 ", "沪A12345"),
	],
)
def test_convert(fieldtype, text, value):
	assert convert(fieldtype, text) == value


@pytest.mark.parametrize(
	"fieldtype, text, reason",
	[
		("Int", "lots", "is not a number"),
		("Int", "12.5", "is not a whole number"),
		("Date", "03/01/2026", "is not a date"),
		("Date", "2026-02-30", "is not a date"),
		("Check", "maybe", "is not yes or no"),
	],
)
def test_bad_text_says_why(fieldtype, text, reason):
	with pytest.raises(ValueError, match=reason):
		convert(fieldtype, text)


def test_select_options_in_english_or_chinese():
	options = "km\nmi"
	assert convert("Select", "KM", options) == "km"
	assert convert("Select", "公里", options, {"km": "公里"}) == "km"
	with pytest.raises(ValueError, match="is not one of km, mi"):
		convert("Select", "miles", options)


def test_same_treats_blank_numbers_and_dates_alike():
	assert same(None, "") and same("", None)
	assert same(42000, 42000.0) and not same(42000, 42001)
	assert same(date(2026, 3, 1), date(2026, 3, 1)) and same("2026-03-01", date(2026, 3, 1))
	assert same(datetime(2026, 3, 1, 10, 0, 0, 123), datetime(2026, 3, 1, 10, 0, 0))
	assert not same("A", "B") and not same(None, "B") and not same(0, None)
