"""A file's cell text as the value of a DocField, without Frappe (unit-tested in
`tests/unit/test_data_exchange_values.py`); bad text raises `ValueError` with a translated reason.

Numbers may carry thousands separators and a currency sign ("¥12,800.00"); dates are year first
("2026-05-03", "2026/5/3", "2026.05.03", "2026年5月3日") or the export's "2026-05-03 10:00:00";
checks are 1/0, yes/no, true/false, 是/否; a select option may be given in Chinese.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from dms_app.translation import _

INT_TYPES = ("Int",)
FLOAT_TYPES = ("Float", "Currency", "Percent")
TRUE = {"1", "yes", "y", "true", "是", "√"}
FALSE = {"0", "no", "n", "false", "否", ""}
_DATE = re.compile(
	r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_NUMBER_NOISE = re.compile("[\\s,¥$€£\uff04\uffe5]")


def convert(fieldtype: str, text, options: str = "", zh: dict | None = None):
	"""The typed value of `text` for a field of `fieldtype` (None when blank)."""
	text = "" if text is None else str(text).strip()
	if fieldtype == "Check":
		folded = text.casefold()
		if folded in TRUE:
			return 1
		if folded in FALSE:
			return 0
		raise ValueError(_("{value} is not yes or no (1 / 0)", value=text))
	if not text:
		return None
	if fieldtype in INT_TYPES or fieldtype in FLOAT_TYPES:
		try:
			number = Decimal(_NUMBER_NOISE.sub("", text))
		except InvalidOperation:
			raise ValueError(_("{value} is not a number", value=text)) from None
		if fieldtype in FLOAT_TYPES:
			return float(number)
		if number != number.to_integral_value():
			raise ValueError(_("{value} is not a whole number", value=text))
		return int(number)
	if fieldtype in ("Date", "Datetime"):
		return parse_date(text, with_time=fieldtype == "Datetime")
	if fieldtype == "Select" and options:
		choices = [option for option in options.split("\n") if option]
		for choice in choices:
			if text.casefold() == choice.casefold() or (zh and text == zh.get(choice)):
				return choice
		raise ValueError(_("{value} is not one of {choices}", value=text, choices=", ".join(choices)))
	return text


def parse_date(text: str, with_time: bool = False):
	found = _DATE.match(text)
	if not found:
		raise ValueError(_("{value} is not a date: write it as YYYY-MM-DD", value=text))
	year, month, day, hour, minute, second = (int(part) if part else 0 for part in found.groups())
	try:
		if with_time:
			return datetime(year, month, day, hour, minute, second)
		return date(year, month, day)
	except ValueError:
		raise ValueError(_("{value} is not a date: write it as YYYY-MM-DD", value=text)) from None


def same(old, new) -> bool:
	"""Whether a stored value and an imported one are equal for an upsert ("" and None, 5 and 5.0,
	a date and its text are)."""
	if old in (None, "") or new in (None, ""):
		return old in (None, "") and new in (None, "")
	if isinstance(new, int | float) and not isinstance(new, bool):
		try:
			return abs(float(old) - float(new)) < 1e-9
		except (TypeError, ValueError):
			return False
	if isinstance(new, date | datetime):
		return str(old)[: len(str(new))] == str(new)
	return str(old).strip() == str(new).strip()
