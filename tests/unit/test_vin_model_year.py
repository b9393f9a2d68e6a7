"""Model year: 30-year code cycle, the position-7 rule, candidates and VINs without a year."""

from datetime import date

from dms_app.vin import check_digit, decode
from dms_app.vin.model_year import HARD_DIGIT, HARD_LETTER, NO_HINT, SOFT_LETTER, candidates, resolve


def with_check_digit(vin: str) -> str:
	return vin[:8] + check_digit(vin) + vin[9:]


def test_position_7_separates_1988_from_2018_in_north_america():
	old = decode("1FMCU14T3JU402061")  # real 1988 Ford Bronco II: digit in position 7
	new = decode(with_check_digit("1FMCU1ET0JU402061"))  # same year code 'J', letter in position 7
	assert (old.model_year, old.model_year_candidates) == (1988, [1988])
	assert (new.model_year, new.model_year_candidates) == (2018, [2018])


def test_real_north_american_vins():
	assert decode("1GCEC14W6TZ228585").model_year == 1996  # Chevrolet C1500
	assert decode("1GT4UVEY9SF358134").model_year == 2025  # GMC Sierra 3500HD
	assert decode("1C41JUEJ7NC002943").model_year == 2022  # Jeep Grand Wagoneer


def test_ambiguous_year_lists_all_candidates_and_picks_most_recent():
	info = decode("W0LPC6DB3CC123456")  # Opel, no usable hint
	assert info.model_year_candidates == [1982, 2012]
	assert info.model_year == 2012


def test_valid_optional_check_digit_makes_position_7_a_hint():
	acura = decode("JH4KA453XKC037671")  # real 1989 Acura Legend built in Japan for the US
	assert acura.model_year_candidates == [1989, 2019]
	assert acura.model_year == 1989
	kia = decode("KNAE55LC7J6018811")  # real 2018 Kia Stinger
	assert kia.model_year_candidates == [1988, 2018]
	assert kia.model_year == 2018


def test_no_future_years():
	max_year = date.today().year + 1
	assert all(year <= max_year for year in candidates("Y", max_year))
	assert candidates("A", 2026) == (1980, 2010)
	assert candidates("9", 2040) == (2009, 2039)
	assert candidates("0", 2026) == ()
	assert candidates("U", 2026) == ()


def test_resolve_modes():
	assert resolve("J", NO_HINT, 2026) == ((1988, 2018), 2018, False)
	assert resolve("J", HARD_DIGIT, 2026) == ((1988,), 1988, False)
	assert resolve("J", HARD_LETTER, 2026) == ((2018,), 2018, False)
	assert resolve("J", SOFT_LETTER, 2026) == ((1988, 2018), 2018, False)
	assert resolve("Y", HARD_LETTER, 2026) == ((2000,), 2000, True)
	assert resolve("Z", NO_HINT, 2026) is None


def test_position_7_and_10_conflict_is_a_warning():
	info = decode(with_check_digit("1FTEW1EP0YKA00001"))  # letter in position 7, 'Y' = 2000 only
	assert info.valid
	assert info.model_year == 2000
	assert info.warnings == [
		"Position 7 ('E') and position 10 ('Y') disagree on the model year; assuming 2000"
	]


def test_zero_in_position_10_means_no_year():
	info = decode("JTMW53FV60D023016")  # real Toyota RAV4 for a non-US market
	assert info.valid
	assert info.model_year is None
	assert info.model_year_candidates == []
	assert info.warnings == [
		"Position 10: '0' is not a model year code, so the model year is unknown (common for European VINs)"
	]


def test_european_vin_with_zero_in_position_10():
	info = decode("WVWZZZ3CZ0E123456")
	assert info.valid
	assert info.make == "Volkswagen"
	assert info.model_year is None
	assert any(warning.startswith("Position 10: '0'") for warning in info.warnings)
