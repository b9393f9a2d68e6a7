"""Admin VDS patterns: specificity, priority, order, model-year ranges, keys."""

import re
from types import SimpleNamespace

import pytest

from dms_app.vin import VdsPatterns, decode, decode_many

GRAND_CHEROKEE = "1C4RJKBG0S8730795"  # real 2025 Jeep Grand Cherokee L
WAGONEER = "1C41JUEJ7NC002943"  # real 2022 Jeep Grand Wagoneer


def test_most_fixed_characters_wins():
	patterns = [
		{"wmi": "1C4", "pattern": "RJ***", "model": "Grand Cherokee"},
		{"wmi": "1C4", "pattern": "RJK**", "model": "Grand Cherokee L", "body": "SUV"},
		{"wmi": "1C4", "pattern": "*****", "model": "Something"},
	]
	info = decode(GRAND_CHEROKEE, vds_patterns=patterns)
	assert (info.model, info.body, info.trim) == ("Grand Cherokee L", "SUV", None)
	assert decode(WAGONEER, vds_patterns=patterns).model == "Something"


def test_ties_go_to_priority_then_to_the_later_pattern():
	same = [
		{"wmi": "1C4", "pattern": "RJ***", "model": "first"},
		{"wmi": "1C4", "pattern": "RJ***", "model": "second"},
	]
	assert decode(GRAND_CHEROKEE, vds_patterns=same).model == "second"
	ranked = [{**same[0], "priority": 5}, same[1]]
	assert decode(GRAND_CHEROKEE, vds_patterns=ranked).model == "first"


def test_model_year_range():
	patterns = [
		{"wmi": "1C4", "pattern": "RJK**", "year_from": 2021, "year_to": 2024, "engine": "3.6L V6"},
		{"wmi": "1C4", "pattern": "RJK**", "year_from": 2025, "year_to": 0, "engine": "2.0L I4 turbo"},
		{"wmi": "1C4", "pattern": "RJ***", "year_to": 2020, "engine": "older"},
	]
	assert decode(GRAND_CHEROKEE, vds_patterns=patterns).engine == "2.0L I4 turbo"


def test_year_ranged_pattern_needs_a_model_year():
	patterns = [{"wmi": "JTM", "pattern": "W5***", "year_from": 2000, "model": "RAV4"}]
	assert decode("JTMW53FV60D023016", vds_patterns=patterns).model is None


def test_make_keyed_patterns_and_objects():
	patterns = [
		SimpleNamespace(make="Honda", wmi=None, pattern="YF5**", model="Pilot", fuel="Petrol", priority=0),
		SimpleNamespace(make="honda", wmi="", pattern="RS6H*", model="CR-V", fuel="Petrol", priority=0),
	]
	infos = decode_many(["5FNYF5H59HB011946", "2HKRS6H50TH219620"], vds_patterns=patterns)
	assert [(info.model, info.fuel) for info in infos] == [("Pilot", "Petrol"), ("CR-V", "Petrol")]


def test_wmi_patterns_beat_less_specific_make_patterns():
	patterns = [
		{"make": "Jeep", "pattern": "RJ***", "model": "by make"},
		{"wmi": "1C4", "pattern": "RJK**", "model": "by wmi"},
	]
	assert decode(GRAND_CHEROKEE, vds_patterns=patterns).model == "by wmi"


def test_full_vin_mask_and_positions_beyond_the_vds():
	patterns = [
		{"wmi": "1C4", "pattern": "RJKBG*S8", "trim": "Limited (plant 8)"},
		{"wmi": "1C4", "pattern": "1C4RJKBG" + "*" * 9, "trim": "full mask"},
	]
	assert decode(GRAND_CHEROKEE, vds_patterns=patterns).trim == "full mask"
	assert decode(GRAND_CHEROKEE, vds_patterns=patterns[:1]).trim == "Limited (plant 8)"


def test_pattern_may_set_the_make():
	patterns = [{"wmi": "5XY", "pattern": "Z****", "make": "Hyundai", "model": "Santa Fe Sport"}]
	info = decode("5XYZUDLB3DG001966", vds_patterns=patterns)
	assert (info.make, info.model) == ("Hyundai", "Santa Fe Sport")


def test_precompiled_patterns_are_reused():
	compiled = VdsPatterns([{"wmi": "1C4", "pattern": "RJK**", "model": "Grand Cherokee L"}])
	assert decode(GRAND_CHEROKEE, vds_patterns=compiled).model == "Grand Cherokee L"
	assert decode(WAGONEER, vds_patterns=compiled).model is None


@pytest.mark.parametrize(
	("pattern", "message"),
	[
		({"wmi": "1C4", "pattern": "RJO**"}, re.escape("VDS pattern 'RJO**' is invalid")),
		({"wmi": "1C4", "pattern": "R" * 15}, "is invalid"),
		({"wmi": "1C4", "pattern": ""}, "is invalid"),
		({"pattern": "RJK**"}, "needs a manufacturer code"),
	],
)
def test_invalid_patterns(pattern, message):
	with pytest.raises(ValueError, match=message):
		VdsPatterns([pattern])
