"""decode API: result object, batch decoding, translation hook, vPIC enrichment."""

import json

import pytest

from dms_app.vin import VinInfo, decode, decode_many, set_translator, vpic
from dms_app.vin.decoder import Decoder

VINS = [
	"5FNYF5H59HB011946",
	"JH4DC4340RS003205",
	"W0LPC6DB3CC123456",
	"1HGCM82633A00435",
	"5FNYF5H58HB011946",
]


def test_to_dict_json_round_trip():
	info = decode("YT9NN1U14KA007175")
	data = json.loads(json.dumps(info.to_dict()))
	assert data == info.to_dict()
	assert data["wmi"] == "YT9007"
	assert data["serial_number"] == "175"
	assert data["model_year_candidates"] == [1989, 2019]
	assert set(data) >= {
		"vin", "valid", "errors", "warnings", "wmi", "vds", "vis", "manufacturer", "make", "country", "region",
		"model_year", "model_year_candidates", "check_digit_valid", "check_digit_expected", "plant_code",
		"serial_number", "model", "trim", "body", "engine", "fuel", "transmission",
	}  # fmt: skip


def test_to_dict_copies_lists():
	info = decode("W0LPC6DB3CC123456")
	info.to_dict()["warnings"].clear()
	assert info.warnings


def test_decode_many_matches_decode():
	assert decode_many(VINS) == [decode(vin) for vin in VINS]
	assert decode_many(iter(VINS), strict=True) == [decode(vin, strict=True) for vin in VINS]
	assert decode_many([]) == []


def test_results_do_not_share_lists():
	first, second = decode_many(["5FNYF5H59HB011946", "5FNYF5H59HB011946"])
	first.errors.append("x")
	first.model_year_candidates.append(1)
	assert second.errors == [] and second.model_year_candidates == [2017]


def test_decoder_compiles_admin_data_once():
	decoder = Decoder(
		{"ZZZ": ("Example", "Example", None)}, [{"wmi": "5FN", "pattern": "YF5**", "model": "Pilot"}]
	)
	info = decoder.decode("5FNYF5H59HB011946")
	assert isinstance(info, VinInfo)
	assert info.model == "Pilot"


def test_translator_hook():
	set_translator(lambda template: "«" + template.replace("Position", "Stelle") + "»")
	try:
		info = decode("5FNYO5H58HB011946")
		assert info.errors == ["«Stelle 5: letter 'O' is not allowed in a VIN (I, O and Q never are)»"]
		assert decode("5FNYF5H58HB011946").errors == ["«Check digit (position 9) is '8' but should be '9'»"]
	finally:
		set_translator(None)
	assert decode("5FNYO5H58HB011946").errors[0].startswith("Position 5")


def test_vpic_lookup_without_ultravin(monkeypatch):
	monkeypatch.setattr(vpic, "_ultravin", lambda: None)
	assert vpic.lookup("5FNYF5H59HB011946") is None
	assert vpic.lookup_many(["5FNYF5H59HB011946"]) == [None]
	assert decode("5FNYF5H59HB011946", vpic=True).model is None


def test_decode_does_not_call_vpic_by_default(monkeypatch):
	def fail(*args):
		raise AssertionError("vPIC called")

	monkeypatch.setattr(vpic, "_ultravin", fail)
	assert decode("5FNYF5H59HB011946").model is None
	assert decode_many(["5FNYF5H59HB011946"])[0].model is None


needs_ultravin = pytest.mark.skipif(not vpic.available(), reason="ultravin (vPIC) is not installed")


@needs_ultravin
def test_vpic_fills_model_and_details():
	info = decode("5FNYF5H59HB011946", vpic=True)
	assert (info.make, info.model, info.model_year) == ("Honda", "Pilot", 2017)
	assert info.body and info.engine and info.fuel == "Gasoline"
	assert info.plant == "Lincoln, Alabama, UNITED STATES (USA)"


@needs_ultravin
def test_vpic_resolves_shared_wmis_but_admin_data_wins():
	assert decode("5N1AL0MM8DC306971", vpic=True).make == "Infiniti"
	infos = decode_many(["5N1AL0MM8DC306971", "bad"], vpic=True)
	assert infos[0].make == "Infiniti" and infos[1].model is None
	admin = {"5N1": ("Nissan North America", "Nissan", None)}
	assert decode("5N1AL0MM8DC306971", vpic=True, extra_wmi=admin).make == "Nissan"
	patterns = [{"wmi": "5N1", "pattern": "AL***", "make": "Custom", "model": "JX"}]
	info = decode("5N1AL0MM8DC306971", vpic=True, vds_patterns=patterns)
	assert (info.make, info.model) == ("Custom", "JX")
