"""Enrichment from NHTSA vPIC through the ``ultravin`` package (vPIC's database, offline).

ultravin is imported on first use only, so ``import dms_app.vin`` stays cheap; where it is missing
(the VIN library used on its own) ``lookup`` returns None and decoding works from the VIN alone.
"""

from collections.abc import Sequence
from functools import cache
from types import ModuleType

from dms_app.vin.structure import normalise
from dms_app.vin.wmi import canonical_make

_NOT_APPLICABLE = {"", "Not Applicable"}


@cache
def _ultravin() -> ModuleType | None:
	try:
		import ultravin
	except ImportError:
		return None
	return ultravin


def available() -> bool:
	"""Whether vPIC data can be looked up (ultravin is installed)."""
	return _ultravin() is not None


def _value(attributes: dict, name: str) -> str | None:
	value = attributes.get(name)
	if isinstance(value, str) and value.strip() not in _NOT_APPLICABLE:
		return value.strip()
	return None


def _engine(attributes: dict) -> str | None:
	litres = _value(attributes, "Displacement (L)")
	cylinders = _value(attributes, "Engine Number of Cylinders")
	parts = [
		f"{float(litres):.1f}L" if litres else None,
		f"{cylinders}-cyl" if cylinders else None,
		_value(attributes, "Electrification Level"),
		f"({code})" if (code := _value(attributes, "Engine Model")) else None,
	]
	return " ".join(part for part in parts if part) or None


def _join(*values: str | None, sep: str = ", ") -> str | None:
	return sep.join(value for value in values if value) or None


def _extract(decoded: dict) -> dict | None:
	attributes = decoded.get("attributes") or {}
	make, model = _value(attributes, "Make"), _value(attributes, "Model")
	if not make and not model:
		return None
	speeds = _value(attributes, "Transmission Speeds")
	city, state = _value(attributes, "Plant City"), _value(attributes, "Plant State")
	return {
		"make": canonical_make(make),
		"manufacturer": _value(attributes, "Manufacturer Name"),
		"model": model,
		"trim": _value(attributes, "Trim") or _value(attributes, "Series"),
		"body": _value(attributes, "Body Class"),
		"engine": _engine(attributes),
		"fuel": _join(
			_value(attributes, "Fuel Type - Primary"), _value(attributes, "Fuel Type - Secondary"), sep=" / "
		),
		"transmission": _join(
			_value(attributes, "Transmission Style"), f"{speeds}-speed" if speeds else None
		),
		"plant": _join(
			city.title() if city else None,
			state.title() if state else None,
			_value(attributes, "Plant Country"),
		),
		"model_year": decoded.get("model_year"),
	}


def lookup(vin: str) -> dict | None:
	"""vPIC's make, manufacturer, model, trim, body, engine, fuel, transmission, plant and model year.

	None when ultravin is not installed or vPIC knows neither make nor model of ``vin``.
	"""
	ultravin = _ultravin()
	if ultravin is None:
		return None
	return _extract(ultravin.decode(normalise(vin)))


def lookup_many(vins: Sequence[str]) -> list[dict | None]:
	"""``lookup`` for a batch; ultravin decodes it in parallel outside the GIL."""
	ultravin = _ultravin()
	if ultravin is None:
		return [None] * len(vins)
	return [_extract(decoded) for decoded in ultravin.decode_batch([normalise(vin) for vin in vins])]
