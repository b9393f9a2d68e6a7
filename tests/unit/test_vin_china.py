"""Mainland China WMIs (L and H, GB 16735): make, manufacturer and country, on real VINs where we have them."""

import pytest

from dms_app.vin import check_digit, decode


def with_check_digit(vin: str) -> str:
	return vin[:8] + check_digit(vin) + vin[9:]


# Real VINs from public code (docs/vin.md); every one carries a correct check digit.
@pytest.mark.parametrize(
	("vin", "make", "manufacturer", "year"),
	[
		("LNBSCU3HXJR884327", "BAIC", "BAIC Motor", 2018),  # labelled 北汽 (BAIC) in its source
		("LNBSCU3H3JG358441", "BAIC", "BAIC Motor", 2018),
		("LGWEF4A54GF492634", "Great Wall", "Great Wall Motor", 2016),
		("L6T78Y4W4GN084987", "Geely", "Zhejiang Geely", 2016),
		("LB378Y4W0JA184037", "Geely", "Zhejiang Geely", 2018),
		("L1NNSGHA8PB044391", "XPeng", "Xiaopeng", 2023),  # XPeng G6
		("LW433B120N1024099", "Li Auto", "Li Auto", 2022),
		("LW433B126N1000633", "Li Auto", "Li Auto", 2022),  # Li L9
		("HLX14B170S1996293", "Li Auto", "Li Auto", 2025),  # Li MEGA, Li Auto's newer H-range WMI
		("LM8F7E896RA003696", "AITO", "Seres", 2024),  # AITO M7
		("LRW3E7EAXLC020104", "Tesla", "Tesla (Shanghai)", 2020),  # Model 3
		("LVSFCFME37F107967", "Ford", "Changan Ford", 2007),  # Focus
		("LGXCE4CB6S0134553", "BYD", "BYD Auto", 2025),  # Song Plus
	],
)
def test_real_chinese_vins(vin, make, manufacturer, year):
	info = decode(vin, strict=True)
	assert info.valid, info.errors
	assert info.warnings == []
	assert (info.make, info.country, info.region) == (make, "China", "Asia")
	assert manufacturer in info.manufacturer
	assert info.check_digit_valid is True
	assert info.model_year == year


# WMIs from public lists for which no real VIN was at hand: decoded on a VIN built around the WMI.
@pytest.mark.parametrize(
	("wmi", "make", "manufacturer"),
	[
		("LMG", "GAC", "GAC Motor"),
		("LHG", "Honda", "GAC Honda"),
		("LVG", "Toyota", "GAC Toyota"),
		("LWV", None, "GAC Fiat"),
		("LVV", "Chery", "Chery"),
		("LSJ", "MG", "SAIC Motor"),
		("LSV", "Volkswagen", "SAIC Volkswagen"),
		("LSG", None, "SAIC General Motors"),
		("LZW", "Wuling", "SAIC-GM-Wuling"),
		("LFP", "FAW", "FAW Car"),
		("LFV", "Volkswagen", "FAW-Volkswagen"),
		("LFM", "Toyota", "FAW Toyota"),
		("LH1", "Haima", "FAW Haima"),
		("LGJ", "Dongfeng", "Dongfeng Passenger Vehicle"),
		("LGB", "Nissan", "Dongfeng Nissan"),
		("LVH", "Honda", "Dongfeng Honda"),
		("LDC", None, "Dongfeng Peugeot Citroen"),
		("LJD", "Kia", "Dongfeng Yueda Kia"),
		("LS5", "Changan", "Changan"),
		("LVR", "Mazda", "Changan Mazda"),
		("LPA", "DS", "Changan PSA"),
		("LJ1", "JAC", "JAC"),
		("LE4", "Mercedes-Benz", "Beijing Benz"),
		("LBE", "Hyundai", "Beijing Hyundai"),
		("LBV", "BMW", "BMW Brilliance"),
		("LSY", "Brilliance", "Brilliance"),
	],
)
def test_chinese_wmis(wmi, make, manufacturer):
	info = decode(with_check_digit(wmi + "AA2A10E3000123"), strict=True)
	assert info.valid, info.errors
	assert (info.make, info.country, info.region) == (make, "China", "Asia")
	assert manufacturer in info.manufacturer


def test_check_digit_stays_mandatory_for_chinese_vins():
	info = decode("LNBSCU3H0JR884327")  # real BAIC VIN with position 9 mistyped
	assert not info.valid
	assert info.check_digit_valid is False
	assert info.errors == ["Check digit (position 9) is '0' but should be 'X'"]
	assert (info.make, info.country) == ("BAIC", "China")


def test_model_year_keeps_both_cycles_without_the_north_american_rule():
	info = decode("LNBSCU3HXJR884327")
	assert info.model_year == 2018
	assert info.model_year_candidates == [1988, 2018]
