"""World Manufacturer Identifier look-up from the data files shipped in ``dms_app/vin/data``.

``countries.csv`` maps VIN characters 1-2 to a country (ISO 3780 ranges) and ``wmi.csv`` maps a WMI to
manufacturer, make and country. Both are loaded once at import into dicts keyed by the exact prefix,
including a record for every possible 2-character prefix, so a look-up never misses.
"""

import csv
from collections.abc import Iterator, Mapping
from itertools import product
from pathlib import Path
from typing import NamedTuple

from dms_app.translation import _
from dms_app.vin.structure import ALLOWED, ALPHABET

DATA_DIR = Path(__file__).with_name("data")
NORTH_AMERICA = "North America"
CHINA = "China"

REGION_BY_FIRST_CHAR = {
	**dict.fromkeys("ABC", "Africa"),
	**dict.fromkeys("HJKLMNPR", "Asia"),
	**dict.fromkeys("STUVWXYZ", "Europe"),
	**dict.fromkeys("12345", NORTH_AMERICA),
	**dict.fromkeys("67", "Oceania"),
	**dict.fromkeys("89", "South America"),
}


class WmiRecord(NamedTuple):
	"""What a WMI says, with the rules that follow from where it is registered (a tuple: unpacked fast)."""

	manufacturer: str | None
	make: str | None
	country: str | None
	region: str | None
	known: bool
	"""False when only the country prefix is known."""
	admin: bool
	"""True for an entry from ``extra_wmi``, which overrides shipped data (and built-in make patterns)."""
	check_digit_mandatory: bool
	"""North America (49 CFR 565) and China (GB 16735) reject a wrong check digit."""
	north_american: bool
	"""The position-7 model-year rule binds."""
	refine_make: bool
	"""A shipped WMI serving several brands: built-in patterns (make_patterns.csv) pick the make."""


def data_rows(name: str) -> Iterator[dict[str, str]]:
	"""Rows of a shipped CSV file; lines starting with '#' are comments."""
	with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
		yield from csv.DictReader(line for line in file if not line.startswith("#"))


def _load_countries() -> dict[str, tuple[str, str]]:
	order = {char: index for index, char in enumerate(ALPHABET)}
	by_prefix = {}
	for row in data_rows("countries.csv"):
		first, lo, hi = row["start"][0], order[row["start"][1]], order[row["end"][1]]
		for second in ALPHABET[lo : hi + 1]:
			by_prefix[first + second] = (row["country"], row["region"])
	return by_prefix


COUNTRY_BY_PREFIX = _load_countries()
REGION_BY_COUNTRY = dict(COUNTRY_BY_PREFIX.values())


def make_record(
	prefix: str,
	manufacturer: str | None,
	make: str | None,
	country: str | None,
	*,
	known: bool,
	admin: bool,
	refine_make: bool = False,
) -> WmiRecord:
	"""A record for a WMI starting with ``prefix``; the country defaults to the ISO 3780 allocation."""
	iso_country, iso_region = COUNTRY_BY_PREFIX.get(prefix[:2], (None, REGION_BY_FIRST_CHAR.get(prefix[:1])))
	country = country or iso_country
	region = REGION_BY_COUNTRY.get(country, iso_region) if country else iso_region
	return WmiRecord(
		manufacturer or None,
		make or None,
		country,
		region,
		known,
		admin,
		region == NORTH_AMERICA or country == CHINA,
		region == NORTH_AMERICA,
		refine_make,
	)


UNKNOWN_BY_PREFIX = {
	first + second: make_record(first + second, None, None, None, known=False, admin=False)
	for first, second in product(ALPHABET, repeat=2)
}
_REFINED_MAKES = {row["wmi"] for row in data_rows("make_patterns.csv")}
SHIPPED = {
	row["wmi"]: make_record(
		row["wmi"],
		row["manufacturer"],
		row["make"],
		row["country"],
		known=True,
		admin=False,
		refine_make=row["wmi"] in _REFINED_MAKES,
	)
	for row in data_rows("wmi.csv")
}
MAKES_BY_UPPER = {record.make.upper(): record.make for record in SHIPPED.values() if record.make}


def admin_records(extra_wmi: Mapping[str, object]) -> dict[str, WmiRecord]:
	"""Records for admin-maintained WMIs: ``{wmi: (manufacturer, make, country)}`` or mappings with those keys.

	``country`` may be omitted or blank (the ISO 3780 country of the prefix is used). Raises ValueError
	for a WMI that is not 3 (or, for small manufacturers, 6) VIN characters.
	"""
	records = {}
	for raw_wmi, value in extra_wmi.items():
		wmi = str(raw_wmi).strip().upper()
		if len(wmi) not in (3, 6) or not ALLOWED.issuperset(wmi):
			raise ValueError(_("Manufacturer code (WMI) '{wmi}' must be 3 or 6 VIN characters", wmi=raw_wmi))
		if isinstance(value, Mapping):
			manufacturer, make, country = (value.get(key) for key in ("manufacturer", "make", "country"))
		else:
			manufacturer, make, country = (*value, None, None, None)[:3]
		records[wmi] = make_record(wmi, manufacturer, make, country, known=True, admin=True)
	return records


def canonical_make(name: str | None) -> str | None:
	"""``name`` spelled as in the WMI table ('HONDA' -> 'Honda'), else title-cased unless it is an acronym."""
	if not name:
		return None
	upper = name.strip().upper()
	if upper in MAKES_BY_UPPER:
		return MAKES_BY_UPPER[upper]
	return upper if len(upper) <= 3 else upper.title()
