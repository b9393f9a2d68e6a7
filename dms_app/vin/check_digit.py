"""Check digit (position 9) per 49 CFR 565.15 / ISO 3779 Annex, mandatory in North America and China."""

from dms_app.translation import _
from dms_app.vin.structure import normalise, structure_errors

TRANSLITERATION = {
	**{str(digit): digit for digit in range(10)},
	**dict(zip("ABCDEFGH", range(1, 9), strict=True)),
	**dict(zip("JKLMN", range(1, 6), strict=True)),
	"P": 7,
	"R": 9,
	**dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
CHECK_CHARS = "0123456789X"

# One tuple per position, indexed by the character's byte (value x weight, None if not a VIN character):
# a VIN costs 17 tuple look-ups, and an illegal character fails the addition (TypeError), so the same
# pass proves every character legal. Non-ASCII input fails the 17-way unpacking (ValueError).
_T1, _T2, _T3, _T4, _T5, _T6, _T7, _T8, _T9, _T10, _T11, _T12, _T13, _T14, _T15, _T16, _T17 = (
	tuple(
		TRANSLITERATION[chr(byte)] * weight if chr(byte) in TRANSLITERATION else None for byte in range(256)
	)
	for weight in WEIGHTS
)


def weighted_sum(vin: str) -> int:
	"""Weighted sum of a 17-character upper-case VIN; TypeError or ValueError if it has an illegal character."""
	c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17 = vin.encode()
	return (
		_T1[c1]
		+ _T2[c2]
		+ _T3[c3]
		+ _T4[c4]
		+ _T5[c5]
		+ _T6[c6]
		+ _T7[c7]
		+ _T8[c8]
		+ _T9[c9]
		+ _T10[c10]
		+ _T11[c11]
		+ _T12[c12]
		+ _T13[c13]
		+ _T14[c14]
		+ _T15[c15]
		+ _T16[c16]
		+ _T17[c17]
	)


def check_digit(vin: str) -> str:
	"""The check digit ('0'-'9' or 'X') that position 9 of ``vin`` should hold.

	Raises ValueError (with the translated structure errors) if ``vin`` is not 17 VIN characters.
	"""
	vin = normalise(vin)
	errors = structure_errors(vin)
	if errors:
		raise ValueError(_("Cannot compute the check digit: {errors}", errors="; ".join(errors)))
	return CHECK_CHARS[weighted_sum(vin) % 11]
