"""``decode`` and friends: the fast path that turns a VIN string into a ``VinInfo``.

A well-formed VIN costs one pass of 17 table look-ups (check digit and character check together),
one dict look-up for its WMI, one for its model year and the ``VinInfo`` itself; messages are built
only when there is something to say, at decode time, so a translator installed later applies.
"""

from collections.abc import Iterable, Mapping
from time import time

from dms_app.translation import _
from dms_app.vin.check_digit import CHECK_CHARS, weighted_sum
from dms_app.vin.info import VinInfo
from dms_app.vin.model_year import (
	EXPIRES,
	HARD_DIGIT,
	HARD_LETTER,
	NO_HINT,
	SOFT_DIGIT,
	SOFT_LETTER,
	TABLES,
	refresh,
)
from dms_app.vin.patterns import VdsPatterns
from dms_app.vin.structure import ALLOWED, normalise, structure_errors
from dms_app.vin.vpic import lookup as vpic_lookup
from dms_app.vin.vpic import lookup_many as vpic_lookup_many
from dms_app.vin.wmi import SHIPPED, UNKNOWN_BY_PREFIX, WmiRecord, admin_records, data_rows

BUILTIN_MAKE_PATTERNS = VdsPatterns(data_rows("make_patterns.csv"))
_ENRICHED_FIELDS = ("manufacturer", "model", "trim", "body", "engine", "fuel", "transmission", "plant")


class Decoder:
	"""Look-up tables for one set of admin data (``extra_wmi``, ``vds_patterns``), reused across VINs."""

	__slots__ = ("patterns", "strict", "wmis")

	def __init__(
		self,
		extra_wmi: Mapping[str, object] | None = None,
		vds_patterns: VdsPatterns | Iterable[object] | None = None,
		strict: bool = False,
	) -> None:
		self.wmis = {**SHIPPED, **admin_records(extra_wmi)} if extra_wmi else SHIPPED
		if vds_patterns is not None and not isinstance(vds_patterns, VdsPatterns):
			vds_patterns = VdsPatterns(vds_patterns)
		self.patterns = vds_patterns or None
		self.strict = strict

	def decode(self, vin: str) -> VinInfo:
		"""Decode one VIN with these tables (see the module-level ``decode``; vPIC is not asked)."""
		v = vin.upper()
		try:
			if len(v) != 17:
				raise ValueError
			total = weighted_sum(v)
		except (TypeError, ValueError):
			# Slow path only: blanks and hyphens are not VIN characters, so a clean VIN never gets here.
			v = normalise(vin)
			if len(v) != 17 or not ALLOWED.issuperset(v):
				return VinInfo(v, False, structure_errors(v))
			total = weighted_sum(v)

		wmi = v[:3]
		if v[2] == "9":
			wmi += v[11:14]
			record = self.wmis.get(wmi) or self.wmis.get(v[:3]) or UNKNOWN_BY_PREFIX[v[:2]]
		else:
			record = self.wmis.get(wmi) or UNKNOWN_BY_PREFIX[v[:2]]
		manufacturer, make, country, region, known, _admin, mandatory, north_american, refine_make = record
		expected = CHECK_CHARS[total % 11]
		matches = v[8] == expected

		# The position-7 rule binds in North America; elsewhere a VIN with a correct (optional) check
		# digit was most likely issued to 49 CFR 565 for export there, so its position 7 is a good hint.
		if north_american:
			mode = HARD_LETTER if v[6] > "9" else HARD_DIGIT
		elif matches and not mandatory:
			mode = SOFT_LETTER if v[6] > "9" else SOFT_DIGIT
		else:
			mode = NO_HINT
		if time() >= EXPIRES[0]:
			refresh()
		resolved = TABLES[mode].get(v[9])
		if resolved is None:
			years, year, conflict = (), None, False
		else:
			years, year, conflict = resolved

		if known and matches and resolved is not None and not conflict:
			errors: list[str] = []
			warnings: list[str] = []
		else:
			errors, warnings = self._problems(v, record, wmi, expected, resolved)
		info = VinInfo(
			v,
			not errors,
			errors,
			warnings,
			wmi,
			manufacturer,
			make,
			country,
			region,
			year,
			list(years),
			matches if mandatory else None,
			expected,
		)
		if refine_make:
			builtin = BUILTIN_MAKE_PATTERNS.match(v, wmi, None, year)
			if builtin:
				info.make = builtin["make"]
		if self.patterns is not None:
			found = self.patterns.match(v, wmi, info.make, year)
			if found:
				for name, value in found.items():
					setattr(info, name, value)
		return info

	def _problems(
		self, v: str, record: WmiRecord, wmi: str, expected: str, resolved: tuple | None
	) -> tuple[list[str], list[str]]:
		"""(errors, warnings) for a VIN with an unknown WMI, a wrong check digit or an odd model year."""
		errors: list[str] = []
		warnings: list[str] = []
		if not record.known:
			message = _("Unknown manufacturer code (WMI) '{wmi}'", wmi=wmi)
			(errors if self.strict else warnings).append(message)
		if v[8] != expected and record.check_digit_mandatory:
			errors.append(
				_(
					"Check digit (position 9) is '{actual}' but should be '{expected}'",
					actual=v[8],
					expected=expected,
				)
			)
		elif v[8] != expected:
			warnings.append(
				_(
					"Check digit (position 9) is '{actual}' but would be '{expected}'; "
					"accepted because it is not mandatory for VINs from {region}",
					actual=v[8],
					expected=expected,
					region=record.region or record.country or wmi,
				)
			)
		if resolved is None:
			warnings.append(
				_(
					"Position 10: '{char}' is not a model year code, so the model year is unknown "
					"(common for European VINs)",
					char=v[9],
				)
			)
		elif resolved[2]:
			warnings.append(
				_(
					"Position 7 ('{char}') and position 10 ('{code}') disagree on the model year; assuming {year}",
					char=v[6],
					code=v[9],
					year=resolved[1],
				)
			)
		return errors, warnings

	def decode_many(self, vins: Iterable[str], with_vpic: bool = False) -> list[VinInfo]:
		"""Decode a batch; with ``with_vpic`` vPIC is asked once for all well-formed VINs."""
		decode = self.decode
		infos = [decode(vin) for vin in vins]
		if with_vpic:
			wellformed = [info for info in infos if info.wmi is not None]
			looked_up = vpic_lookup_many([info.vin for info in wellformed])
			for info, data in zip(wellformed, looked_up, strict=True):
				if data:
					self.enrich(info, data)
		return infos

	def enrich(self, info: VinInfo, data: dict) -> None:
		"""Fill what the VIN alone could not tell from vPIC ``data`` (see ``dms_app.vin.vpic.lookup``).

		vPIC resolves the make from the whole VIN, so it replaces a WMI-level make unless an admin set
		it (``extra_wmi`` or a VDS pattern). Its model year wins when it is one of the candidates (vPIC
		knows which years a pattern was built) or when position 10 gave none.
		"""
		for name in _ENRICHED_FIELDS:
			if getattr(info, name) is None and data.get(name):
				setattr(info, name, data[name])
		if data.get("make") and not self._admin_make(info):
			info.make = data["make"]
		year = data.get("model_year")
		if year and (year in info.model_year_candidates or info.model_year is None):
			info.model_year = year
			if year not in info.model_year_candidates:
				info.model_year_candidates = [year]

	def _admin_make(self, info: VinInfo) -> bool:
		record = self.wmis.get(info.wmi) or self.wmis.get(info.vin[:3])
		if record is not None and record.admin:
			return True
		found = self.patterns.match(info.vin, info.wmi, None, info.model_year) if self.patterns else None
		return bool(found and "make" in found)


_DEFAULT = Decoder()
_DEFAULT_STRICT = Decoder(strict=True)


def _decoder(extra_wmi: Mapping[str, object] | None, vds_patterns: object, strict: bool) -> Decoder:
	if extra_wmi is None and vds_patterns is None:
		return _DEFAULT_STRICT if strict else _DEFAULT
	return Decoder(extra_wmi, vds_patterns, strict)


def decode(
	vin: str,
	*,
	extra_wmi: Mapping[str, object] | None = None,
	vds_patterns: VdsPatterns | Iterable[object] | None = None,
	vpic: bool = False,
	strict: bool = False,
) -> VinInfo:
	"""Decode ``vin`` (any case, surrounding blanks, spaces and hyphens tolerated).

	``valid`` is False for a wrong length, an illegal character, or a wrong check digit where the
	check digit is mandatory (North America, China). An unknown WMI is only a warning (the VIN may be
	right and our table incomplete); with ``strict=True`` it is an error. A position 10 that is not a
	model year code (e.g. '0' on many European VINs) is a warning and leaves ``model_year`` None.

	``extra_wmi``: admin WMIs ``{wmi: (manufacturer, make, country)}`` overriding the shipped table.
	``vds_patterns``: admin patterns (see ``dms_app.vin.patterns``), or a precompiled ``VdsPatterns``.
	``vpic``: fill model, trim, body, engine, fuel, transmission and plant from NHTSA vPIC (needs the
	optional ``ultravin`` package; slower, so off by default).
	"""
	if extra_wmi is None and vds_patterns is None and not vpic:
		return (_DEFAULT_STRICT if strict else _DEFAULT).decode(vin)
	decoder = _decoder(extra_wmi, vds_patterns, strict)
	info = decoder.decode(vin)
	if vpic and info.wmi is not None:
		data = vpic_lookup(info.vin)
		if data:
			decoder.enrich(info, data)
	return info


def decode_many(
	vins: Iterable[str],
	*,
	extra_wmi: Mapping[str, object] | None = None,
	vds_patterns: VdsPatterns | Iterable[object] | None = None,
	vpic: bool = False,
	strict: bool = False,
) -> list[VinInfo]:
	"""``decode`` for a batch (imports): admin data is compiled once and vPIC is asked in one batch."""
	return _decoder(extra_wmi, vds_patterns, strict).decode_many(vins, vpic)


def is_valid(vin: str) -> bool:
	"""Whether ``vin`` is structurally valid (length, characters, mandatory check digit)."""
	return _DEFAULT.decode(vin).valid
