"""Admin-maintained VDS patterns: VIN masks that name model, trim, body, engine, fuel and transmission.

A pattern is a dict or an object (e.g. a Frappe row) keyed by ``wmi`` (3 or 6 characters) or else by
``make``, with a ``pattern`` mask, optional ``year_from``/``year_to``/``priority``, and the fields it
fills. The mask covers VIN positions 4 onward ('*' matches anything: ``"RJK**"`` is positions 4-8) or
is a full 17-character VIN mask. The most specific match wins: most fixed characters, then the higher
``priority``, then the pattern listed later. Masks are compiled into ``operator.itemgetter`` calls, so
a test is one C call.
"""

from collections.abc import Iterable, Mapping
from operator import itemgetter

from dms_app.translation import _
from dms_app.vin.structure import ALLOWED, VIN_LENGTH

FIELDS = ("make", "model", "trim", "body", "engine", "fuel", "transmission")
WILDCARD = "*"
_VDS_START = 3


def _get(pattern: object, name: str) -> object:
	if isinstance(pattern, Mapping):
		return pattern.get(name)
	return getattr(pattern, name, None)


def _year(value: object) -> int | None:
	"""Frappe stores an empty Int as 0: treat 0 and blanks as 'no bound'."""
	return int(value) if value else None


class _Compiled:
	__slots__ = ("expected", "fields", "getter", "rank", "year_from", "year_to")

	def __init__(self, pattern: object, order: int) -> None:
		mask = str(_get(pattern, "pattern") or "").strip().upper()
		offset = 0 if len(mask) == VIN_LENGTH else _VDS_START
		if not mask or offset + len(mask) > VIN_LENGTH or not ALLOWED.union(WILDCARD).issuperset(mask):
			raise ValueError(
				_(
					"VDS pattern '{pattern}' is invalid: use VIN characters and '*' for positions 4 onward "
					"(at most 14 characters) or a full 17-character VIN mask",
					pattern=mask,
				)
			)
		fixed = [(offset + index, char) for index, char in enumerate(mask) if char != WILDCARD]
		self.getter = itemgetter(*(index for index, _char in fixed)) if fixed else None
		chars = tuple(char for _index, char in fixed)
		self.expected = chars if len(chars) > 1 else "".join(chars)
		self.year_from = _year(_get(pattern, "year_from"))
		self.year_to = _year(_get(pattern, "year_to"))
		self.rank = (len(fixed), int(_get(pattern, "priority") or 0), order)
		self.fields = {name: value for name in FIELDS if (value := _get(pattern, name))}

	def matches(self, vin: str, model_year: int | None) -> bool:
		if self.getter is not None and self.getter(vin) != self.expected:
			return False
		if self.year_from is None and self.year_to is None:
			return True
		if model_year is None:
			return False
		return (self.year_from or model_year) <= model_year <= (self.year_to or model_year)


class VdsPatterns:
	"""Patterns compiled once (per request or batch) and matched against many VINs."""

	__slots__ = ("_by_make", "_by_wmi")

	def __init__(self, patterns: Iterable[object]) -> None:
		by_wmi: dict[str, list[_Compiled]] = {}
		by_make: dict[str, list[_Compiled]] = {}
		for order, pattern in enumerate(patterns):
			compiled = _Compiled(pattern, order)
			wmi = str(_get(pattern, "wmi") or "").strip().upper()
			make = str(_get(pattern, "make") or "").strip().lower()
			if wmi:
				by_wmi.setdefault(wmi, []).append(compiled)
			elif make:
				by_make.setdefault(make, []).append(compiled)
			else:
				raise ValueError(
					_(
						"VDS pattern '{pattern}' needs a manufacturer code (WMI) or a make",
						pattern=_get(pattern, "pattern"),
					)
				)
		for group in (*by_wmi.values(), *by_make.values()):
			group.sort(key=lambda compiled: compiled.rank, reverse=True)
		self._by_wmi = by_wmi
		self._by_make = by_make

	def __bool__(self) -> bool:
		return bool(self._by_wmi or self._by_make)

	def match(self, vin: str, wmi: str, make: str | None, model_year: int | None) -> dict[str, str] | None:
		"""Fields of the most specific pattern matching ``vin`` (``wmi`` may be the 6-character form)."""
		groups = [self._by_wmi.get(vin[:3]), self._by_make.get(make.lower()) if make else None]
		if len(wmi) > 3:
			groups.append(self._by_wmi.get(wmi))
		best = None
		for group in groups:
			for compiled in group or ():
				if compiled.matches(vin, model_year):
					if best is None or compiled.rank > best.rank:
						best = compiled
					break
		return best.fields if best else None
