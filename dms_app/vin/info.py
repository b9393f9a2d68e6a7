"""The result of decoding one VIN."""

from dataclasses import dataclass, field, fields


@dataclass(slots=True)
class VinInfo:
	"""Decoded VIN. Positions are 1-based in the VIN standard: WMI 1-3, VDS 4-8, check digit 9, VIS 10-17.

	``wmi`` is 6 characters for small manufacturers (3rd character '9', extended by positions 12-14).
	``check_digit_valid`` is True/False where the check digit is mandatory (North America, China) and
	None elsewhere; ``check_digit_expected`` is always filled for a well-formed VIN. ``model`` .. ``plant``
	come from admin VDS patterns or vPIC and stay None when unknown. ``vds``, ``vis``, ``plant_code`` and
	``serial_number`` are slices of ``vin``, computed on access (None unless the VIN is well formed).
	"""

	vin: str
	valid: bool
	errors: list[str] = field(default_factory=list)
	warnings: list[str] = field(default_factory=list)
	wmi: str | None = None
	manufacturer: str | None = None
	make: str | None = None
	country: str | None = None
	region: str | None = None
	model_year: int | None = None
	model_year_candidates: list[int] = field(default_factory=list)
	check_digit_valid: bool | None = None
	check_digit_expected: str | None = None
	model: str | None = None
	trim: str | None = None
	body: str | None = None
	engine: str | None = None
	fuel: str | None = None
	transmission: str | None = None
	plant: str | None = None

	@property
	def vds(self) -> str | None:
		"""Vehicle descriptor section, positions 4-8."""
		return self.vin[3:8] if self.wmi else None

	@property
	def vis(self) -> str | None:
		"""Vehicle identifier section, positions 10-17."""
		return self.vin[9:] if self.wmi else None

	@property
	def plant_code(self) -> str | None:
		"""Assembly plant, position 11."""
		return self.vin[10] if self.wmi else None

	@property
	def serial_number(self) -> str | None:
		"""Positions 12-17, or 15-17 where positions 12-14 extend a small manufacturer's WMI."""
		if not self.wmi:
			return None
		return self.vin[14:] if len(self.wmi) == 6 else self.vin[11:]

	def to_dict(self) -> dict:
		"""A JSON-serialisable dict of every field and section (lists are copied)."""
		return {name: _copy(getattr(self, name)) for name in _DICT_KEYS}


def _copy(value: object) -> object:
	return list(value) if isinstance(value, list) else value


_DICT_KEYS = (*(f.name for f in fields(VinInfo)), "vds", "vis", "plant_code", "serial_number")
