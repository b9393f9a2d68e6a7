"""Check digit: computation, 'X', and where a wrong one invalidates the VIN."""

import pytest

from dms_app.vin import check_digit, decode


def with_check_digit(vin: str) -> str:
	return vin[:8] + check_digit(vin) + vin[9:]


@pytest.mark.parametrize(
	"vin",
	[
		"5FNYF5H59HB011946",  # Honda Pilot 2017
		"1G1YC2D47T5102754",  # Chevrolet Corvette 2026
		"WBAVL1C5XFVY41004",  # BMW X1 2015: check digit X
		"JH4KA453XKC037671",  # Acura Legend 1989: check digit X
		"KM8JN72D07U585496",  # Hyundai Tucson 2007: check digit 0
	],
)
def test_real_vins(vin):
	assert check_digit(vin) == vin[8]
	assert check_digit(vin.lower()) == vin[8]


def test_check_digit_x_is_valid():
	info = decode("WBAVL1C5XFVY41004")
	assert info.check_digit_expected == "X"
	assert info.warnings == []


def test_check_digit_of_malformed_vin_raises():
	with pytest.raises(ValueError, match="Position 5: letter 'O'"):
		check_digit("5FNYO5H59HB011946")


def test_wrong_check_digit_invalidates_north_american_vin():
	info = decode("5FNYF5H58HB011946")
	assert not info.valid
	assert info.check_digit_valid is False
	assert info.check_digit_expected == "9"
	assert info.errors == ["Check digit (position 9) is '8' but should be '9'"]
	assert info.make == "Honda"  # still decoded, for the user's information


def test_correct_check_digit_north_america():
	info = decode("5FNYF5H59HB011946")
	assert info.valid
	assert info.check_digit_valid is True


def test_wrong_check_digit_in_europe_is_only_a_warning():
	info = decode("W0LPC6DB3CC123456")  # Opel; European VINs need no check digit
	assert info.valid
	assert info.check_digit_valid is None
	assert info.check_digit_expected == "1"
	assert info.errors == []
	assert info.warnings == [
		"Check digit (position 9) is '3' but would be '1'; "
		"accepted because it is not mandatory for VINs from Europe"
	]


def test_correct_check_digit_in_europe_is_not_reported_as_mandatory():
	info = decode("WBAVL1C5XFVY41004")
	assert info.check_digit_valid is None
	assert info.valid


def test_china_mandates_the_check_digit():
	good = with_check_digit("LFV2A21K0E3000123")  # FAW-Volkswagen
	bad = good[:8] + ("1" if good[8] != "1" else "2") + good[9:]
	assert decode(good).valid
	assert decode(good).check_digit_valid is True
	info = decode(bad)
	assert not info.valid
	assert info.check_digit_valid is False
	assert info.country == "China"
	assert info.errors == [f"Check digit (position 9) is '{bad[8]}' but should be '{good[8]}'"]


def test_mexico_and_canada_are_north_america():
	for vin in ("3VWSD29M41M067176", "2HKRW2H20NH207506"):  # VW Jetta MX, Honda CR-V CA
		wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
		assert decode(vin).valid
		assert not decode(wrong).valid
