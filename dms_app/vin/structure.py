"""VIN layout (ISO 3779 / 49 CFR 565): 17 characters, never I, O or Q."""

from dms_app.translation import _

VIN_LENGTH = 17
ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890"
"""The 33 VIN characters in ISO 3780 allocation order (letters without I, O, Q, then 1-9, then 0)."""
ALLOWED = frozenset(ALPHABET)
FORBIDDEN_LETTERS = frozenset("IOQ")


def normalise(vin: str) -> str:
	"""Upper-case, strip surrounding blanks and drop the spaces and hyphens people paste from papers."""
	vin = vin.strip().upper()
	if " " in vin or "-" in vin:
		vin = vin.replace(" ", "").replace("-", "")
	return vin


def structure_errors(vin: str) -> list[str]:
	"""Every structural problem of a normalised VIN: its length and each illegal character by position."""
	if not vin:
		return [_("VIN is empty")]
	errors = []
	if len(vin) != VIN_LENGTH:
		errors.append(_("VIN has {length} characters; it must have 17", length=len(vin)))
	for position, char in enumerate(vin, 1):
		if char in ALLOWED:
			continue
		if char in FORBIDDEN_LETTERS:
			errors.append(
				_(
					"Position {position}: letter '{char}' is not allowed in a VIN (I, O and Q never are)",
					position=position,
					char=char,
				)
			)
		else:
			errors.append(
				_(
					"Position {position}: character '{char}' is not allowed in a VIN (only letters and digits)",
					position=position,
					char=char,
				)
			)
	return errors
