"""Alert definitions registry (plain Python: the functions it holds query the site, the registry does not)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AlertItem:
	"""One record in an alert state.

	``state`` is what makes a change worth re-sending (an ageing bucket, "overdue"); ``period`` separates
	occurrences that are different alerts for the same record (the next service of a vehicle). External
	``recipients`` (a customer's email) get their own email; staff get the rule's digest.
	"""

	reference_doctype: str
	reference_name: str
	subject: str
	state: str = "open"
	period: str = ""
	recipients: tuple[str, ...] = ()
	message: str = ""
	"""HTML body of the external email (the subject when empty)."""

	@property
	def key(self) -> str:
		return "|".join((self.reference_doctype, self.reference_name, self.period))


@dataclass(frozen=True)
class AlertDefinition:
	name: str
	fetch: Callable[[float], list[AlertItem]]
	threshold: float
	threshold_unit: str
	role: str | None
	resend_after_days: int = 7
	requires: tuple[str, ...] = field(default_factory=tuple)
	"""Doctypes (of other areas) the alert reads: it is skipped while one of them is not installed."""


REGISTRY: dict[str, AlertDefinition] = {}


def alert(name, *, threshold, unit, role=None, resend_after_days=7, requires=()):
	"""Register the decorated ``fetch(threshold) -> list[AlertItem]`` as the alert ``name``."""

	def register(fetch):
		REGISTRY[name] = AlertDefinition(
			name, fetch, threshold, unit, role, resend_after_days, tuple(requires)
		)
		return fetch

	return register
