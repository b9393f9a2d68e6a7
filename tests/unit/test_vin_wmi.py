"""Manufacturer, make, country and region: shipped tables, small manufacturers, admin overrides."""

import pytest

from dms_app.vin import check_digit, decode, decode_many
from dms_app.vin.wmi import COUNTRY_BY_PREFIX, SHIPPED, canonical_make, data_rows


def with_check_digit(vin: str) -> str:
	return vin[:8] + check_digit(vin) + vin[9:]


@pytest.mark.parametrize(
	("vin", "make", "country", "region"),
	[
		("5FNYF5H59HB011946", "Honda", "United States", "North America"),
		("JH4DC4340RS003205", "Acura", "Japan", "Asia"),
		("WP0AB2Y18LSA50759", "Porsche", "Germany", "Europe"),
		("SALYB2RV4JA756586", "Land Rover", "United Kingdom", "Europe"),
		("KMTG341ABLU064324", "Genesis", "South Korea", "Asia"),
		("3VWR17AU5KM502465", "Volkswagen", "Mexico", "North America"),
		("2HGFE4F86SH011469", "Honda", "Canada", "North America"),
		("TRUWT28N251018665", "Audi", "Hungary", "Europe"),
		("6FPAAAJGAT4Z00001", "Ford", "Australia", "Oceania"),
		("XTAGFK330JY144213", "Lada", "Russia", "Europe"),
	],
)
def test_real_vins(vin, make, country, region):
	info = decode(vin)
	assert (info.make, info.country, info.region) == (make, country, region)
	assert info.manufacturer


def test_newer_us_block_starting_with_7():
	info = decode(with_check_digit("7SAYGDEE0PF000001"))  # Tesla Model Y, Austin
	assert (info.make, info.country, info.region) == ("Tesla", "United States", "North America")
	assert info.check_digit_valid is True


@pytest.mark.parametrize(
	("wmi", "make"),
	[
		("LFV", "Volkswagen"),
		("LSV", "Volkswagen"),
		("LE4", "Mercedes-Benz"),
		("LBV", "BMW"),
		("LVG", "Toyota"),
	],
)
def test_chinese_joint_ventures(wmi, make):
	info = decode(with_check_digit(wmi + "AA2A10E3000123"))
	assert (info.make, info.country, info.region) == (make, "China", "Asia")


def test_small_manufacturer_six_character_wmi():
	info = decode("YT9NN1U14KA007175")  # real Koenigsegg Regera: WMI YT9 + positions 12-14 '007'
	assert info.wmi == "YT9007"
	assert (info.make, info.country) == ("Koenigsegg", "Sweden")
	assert info.serial_number == "175"
	assert info.plant_code == "A"
	assert info.model_year == 2019


def test_unknown_small_manufacturer_falls_back_to_the_country():
	info = decode(with_check_digit("YT9AB1U10KA123456"))
	assert info.wmi == "YT9123"
	assert info.manufacturer is None
	assert info.country == "Sweden"
	assert info.warnings[0] == "Unknown manufacturer code (WMI) 'YT9123'"


def test_unknown_wmi_is_a_warning_unless_strict():
	vin = with_check_digit("ZBZAB12C0LA123456")
	info = decode(vin)
	assert info.valid
	assert info.manufacturer is None
	assert info.country == "Italy"
	assert info.warnings[0] == "Unknown manufacturer code (WMI) 'ZBZ'"
	strict = decode(vin, strict=True)
	assert not strict.valid
	assert strict.errors == ["Unknown manufacturer code (WMI) 'ZBZ'"]


def test_extra_wmi_overrides_shipped_data():
	extra = {
		"wbA": ("Dealer Import GmbH", "Alpina", "Germany"),
		"ZBZ": {"manufacturer": "Example Coachworks", "make": "Example"},
		"YT9123": ("Tiny Cars AB", "Tiny", None),
	}
	assert decode("WBAVL1C5XFVY41004", extra_wmi=extra).make == "Alpina"
	info = decode(with_check_digit("ZBZAB12C0LA123456"), extra_wmi=extra)
	assert (info.manufacturer, info.make, info.country, info.region) == (
		"Example Coachworks",
		"Example",
		"Italy",
		"Europe",
	)
	assert info.warnings == []
	assert decode(with_check_digit("YT9AB1U10KA123456"), extra_wmi=extra).make == "Tiny"
	assert decode("WBAVL1C5XFVY41004").make == "BMW"  # the shipped table is untouched


def test_extra_wmi_must_be_three_or_six_characters():
	with pytest.raises(ValueError, match="'WB' must be 3 or 6"):
		decode("WBAVL1C5XFVY41004", extra_wmi={"WB": ("x", "y", "z")})


def test_builtin_patterns_pick_the_brand_of_shared_chrysler_wmis():
	vins = ["1C4GJ25372B521864", "1C4RJKBG0S8730795", "1C6RJTBG8TL161612", "1C6SRFETXKN545625"]
	assert [info.make for info in decode_many(vins)] == ["Chrysler", "Jeep", "Jeep", "Ram"]
	assert decode("1C6RJTBG8TL161612", extra_wmi={"1C6": ("FCA US", "Ram", None)}).make == "Ram"


def test_shipped_tables_are_consistent():
	rows = list(data_rows("wmi.csv"))
	wmis = [row["wmi"] for row in rows]
	assert len(wmis) == len(set(wmis)) >= 400
	known_countries = {country for country, _region in COUNTRY_BY_PREFIX.values()}
	for row in rows:
		assert len(row["wmi"]) in (3, 6), row
		assert row["manufacturer"], row
		assert row["country"] in known_countries, row
	makes = {record.make for record in SHIPPED.values()}
	required = {
		"Toyota", "Lexus", "Honda", "Acura", "Nissan", "Infiniti", "Mazda", "Subaru", "Mitsubishi", "Suzuki",
		"Hyundai", "Kia", "Genesis", "Ford", "Lincoln", "Chevrolet", "GMC", "Buick", "Cadillac", "Chrysler",
		"Jeep", "Dodge", "Ram", "Tesla", "Rivian", "Volkswagen", "Audi", "Porsche", "BMW", "MINI",
		"Mercedes-Benz", "Smart", "Volvo", "Polestar", "Jaguar", "Land Rover", "Renault", "Peugeot", "Citroën",
		"DS", "Opel", "Fiat", "Alfa Romeo", "Ferrari", "Lamborghini", "Maserati", "SEAT", "Škoda", "Dacia",
		"BYD", "Geely", "Chery", "Great Wall", "Changan", "MG", "XPeng", "Li Auto", "BAIC", "GAC",
		"Dongfeng", "FAW", "JAC", "Leapmotor",
	}  # fmt: skip
	assert required <= makes


def test_canonical_make():
	assert canonical_make("MERCEDES-BENZ") == "Mercedes-Benz"
	assert canonical_make("gmc") == "GMC"
	assert canonical_make("SOME NEW BRAND") == "Some New Brand"
	assert canonical_make("") is None
