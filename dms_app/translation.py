"""One translation hook for the modules that run without Frappe: the VIN library, the file parsers
and the warranty rules.

They can't import Frappe (plain unit tests run them), so their messages go through `_`, whose
translator the app installs once per request with `set_translator(frappe._)`. Messages are
templates with placeholders, so translators see `"Position {position}: ..."` once, not one string
per VIN; `_` is its name so that Frappe's extractor finds them.
"""

from collections.abc import Callable


def _identity(text: str) -> str:
	return text


translate: Callable[[str], str] = _identity


def set_translator(fn: Callable[[str], str] | None) -> None:
	"""Translate every later message with `fn` (e.g. `frappe._`); None restores English."""
	global translate
	translate = fn or _identity


def _(template: str, **kwargs: object) -> str:
	"""Translate `template`, then fill in its named placeholders, if any."""
	text = translate(template)
	return text.format(**kwargs) if kwargs else text
