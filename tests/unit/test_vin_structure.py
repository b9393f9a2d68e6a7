"""VIN structure: normalisation, length, forbidden letters and illegal characters."""

import pytest

from dms_app.vin import decode, is_valid
from dms_app.vin.structure import normalise

HONDA_PILOT = "5FNYF5H59HB011946"  # real, 2017 Honda Pilot


def test_lower_case_and_blanks_are_tolerated():
	info = decode("  5fnyf5h59hb011946 \n")
	assert info.vin == HONDA_PILOT
	assert info.valid
	assert info.errors == []


def test_internal_spaces_and_hyphens_are_dropped():
	assert decode("5FN YF5H5-9HB 011946").vin == HONDA_PILOT
	assert normalise(" 5fn-yf5 ") == "5FNYF5"


@pytest.mark.parametrize(("vin", "length"), [(HONDA_PILOT[:16], 16), (HONDA_PILOT + "7", 18)])
def test_wrong_length(vin, length):
	info = decode(vin)
	assert not info.valid
	assert info.errors == [f"VIN has {length} characters; it must have 17"]
	assert info.wmi is None
	assert info.make is None


def test_empty():
	info = decode("   ")
	assert not info.valid
	assert info.errors == ["VIN is empty"]


@pytest.mark.parametrize(("position", "letter"), [(5, "O"), (12, "I"), (17, "Q")])
def test_each_forbidden_letter_names_position_and_letter(position, letter):
	vin = HONDA_PILOT[: position - 1] + letter + HONDA_PILOT[position:]
	info = decode(vin)
	assert not info.valid
	assert info.errors == [
		f"Position {position}: letter '{letter}' is not allowed in a VIN (I, O and Q never are)"
	]


def test_every_bad_position_is_reported():
	info = decode("1HGCM8263IOQ00*3Ä")
	assert info.errors == [
		"Position 10: letter 'I' is not allowed in a VIN (I, O and Q never are)",
		"Position 11: letter 'O' is not allowed in a VIN (I, O and Q never are)",
		"Position 12: letter 'Q' is not allowed in a VIN (I, O and Q never are)",
		"Position 15: character '*' is not allowed in a VIN (only letters and digits)",
		"Position 17: character 'Ä' is not allowed in a VIN (only letters and digits)",
	]


def test_length_and_character_errors_together():
	info = decode("JH4DC434.RS00320")
	assert info.errors == [
		"VIN has 16 characters; it must have 17",
		"Position 9: character '.' is not allowed in a VIN (only letters and digits)",
	]


def test_sections():
	info = decode(HONDA_PILOT)
	assert (info.wmi, info.vds, info.vis) == ("5FN", "YF5H5", "HB011946")
	assert (info.plant_code, info.serial_number) == ("B", "011946")
	assert decode("X").vds is None


def test_is_valid():
	assert is_valid(HONDA_PILOT)
	assert not is_valid(HONDA_PILOT[:16])
	assert not is_valid("5FNYF5H58HB011946")  # wrong check digit in North America
