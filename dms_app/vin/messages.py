"""Translatable messages for VIN validation.

The library cannot import Frappe, so every message is a template with named placeholders that goes
through a replaceable ``translate`` hook: the app installs ``frappe._`` once with ``set_translator`` and
translators then see the template (``"Position {position}: ..."``), not one string per VIN.
"""

from collections.abc import Callable


def _identity(text: str) -> str:
	return text


translate: Callable[[str], str] = _identity


def set_translator(fn: Callable[[str], str] | None) -> None:
	"""Translate every later message with ``fn`` (e.g. ``frappe._``); ``None`` restores English."""
	global translate
	translate = fn or _identity


def _(template: str, **kwargs: object) -> str:
	"""Translate ``template``, then fill in its named placeholders."""
	return translate(template).format(**kwargs)
