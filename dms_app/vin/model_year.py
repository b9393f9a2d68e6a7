"""Model year from position 10 (a 30-year cycle of codes) and the position-7 rule of 49 CFR 565.15.

Position 10 codes A-Y (without I, O, Q, U, Z) then 1-9 stand for 1980-2009 and again for 2010-2039.
For North American light vehicles position 7 tells the cycles apart: a letter means 2010 or later,
a digit 1980-2009. Everything here is precomputed into one small table per hint ``mode`` that is
rebuilt when the calendar year (and so the plausible window) changes: check ``EXPIRES`` before use.
"""

from datetime import date, datetime

YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
FIRST_YEAR = 1980
CYCLE = 30
SECOND_CYCLE = FIRST_YEAR + CYCLE

# Hint modes: what position 7 may tell about the cycle, and whether the rule is binding.
NO_HINT = 0
SOFT_LETTER = 1
SOFT_DIGIT = 2
HARD_LETTER = 3
HARD_DIGIT = 4


def candidates(code: str, max_year: int) -> tuple[int, ...]:
	"""Every year ``code`` can stand for between 1980 and ``max_year``, oldest first."""
	index = YEAR_CODES.find(code) if len(code) == 1 else -1
	if index < 0:
		return ()
	return tuple(range(FIRST_YEAR + index, max_year + 1, CYCLE))


def resolve(code: str, mode: int, max_year: int) -> tuple[tuple[int, ...], int, bool] | None:
	"""(candidates, most plausible year, position-7 conflict) for a position-10 code, None if not a year code.

	The most plausible year is the most recent one in the window that agrees with the position-7 hint.
	A hard (North American) hint also drops the candidates it rules out; if it rules out all of them the
	VIN contradicts itself, so every candidate is kept and the conflict flag is set.
	"""
	years = candidates(code, max_year)
	if not years:
		return None
	if mode in (SOFT_LETTER, HARD_LETTER):
		agreeing = tuple(year for year in years if year >= SECOND_CYCLE)
	elif mode in (SOFT_DIGIT, HARD_DIGIT):
		agreeing = tuple(year for year in years if year < SECOND_CYCLE)
	else:
		agreeing = years
	if not agreeing:
		return years, years[-1], mode >= HARD_LETTER
	return (agreeing if mode >= HARD_LETTER else years), agreeing[-1], False


def _build(max_year: int) -> list[dict]:
	return list(
		{code: resolve(code, mode, max_year) for code in YEAR_CODES}
		for mode in (NO_HINT, SOFT_LETTER, SOFT_DIGIT, HARD_LETTER, HARD_DIGIT)
	)


TABLES: list[dict] = []
"""Per-mode tables {code: resolve(...)}, refreshed in place by ``refresh`` (so importers keep the list)."""
EXPIRES = [0.0]
"""When ``TABLES`` must be rebuilt: the next New Year, which moves the window 1980 .. next year."""


def refresh() -> None:
	"""Rebuild ``TABLES`` for the current calendar year."""
	this_year = date.today().year
	TABLES[:] = _build(this_year + 1)
	EXPIRES[0] = datetime(this_year + 1, 1, 1).timestamp()
