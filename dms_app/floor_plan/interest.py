"""Floor-plan interest arithmetic, with no database.

Interest accrues daily on the principal outstanding at the end of each day:

- from `financed_on + free_days` (the first `free_days` days, counting the financing day, are free);
- a payoff or curtailment reduces the principal from its own date (no interest on the payoff day for
  the amount repaid);
- at `rate` % a year on an actual/365 basis: each day bears principal * rate / 100 / 365, whatever the
  year's length (the lenders' usual convention; `days_in_year` changes it, e.g. 360);
- summed unrounded over the period, then rounded to the cent once per vehicle and period (a month).
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

DAYS_IN_YEAR = 365


@dataclass(frozen=True)
class Accrual:
	interest: float
	"""Rounded to the cent."""
	days: int
	"""Days in the period that bore interest."""
	average_principal: float
	"""Mean principal over those days (0 when none), rounded to the cent."""


def month_bounds(month: date) -> tuple[date, date]:
	"""First and last day of the month of `month`."""
	first = month.replace(day=1)
	return first, first.replace(day=monthrange(first.year, first.month)[1])


def previous_month(today: date) -> date:
	"""The first day of the month before `today`'s."""
	return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def accrue(
	principal: float,
	payments: list[tuple[date, float]],
	financed_on: date,
	free_days: int,
	rate: float,
	start: date,
	end: date,
	days_in_year: int = DAYS_IN_YEAR,
) -> Accrual:
	"""Interest of one financed vehicle over `start`..`end` (both included).

	`payments`: (date, principal repaid) of its payoffs and curtailments, in any order."""
	first_charged = max(start, financed_on + timedelta(days=max(int(free_days or 0), 0)))
	if end < first_charged or not rate:
		return Accrual(0.0, 0, 0.0)
	repaid_before = sum(amount for on, amount in payments if on <= first_charged)
	balance = principal - repaid_before
	later = sorted((on, amount) for on, amount in payments if first_charged < on <= end)
	total = 0.0  # principal-days
	days = 0
	day = first_charged
	for on, amount in [*later, (end + timedelta(days=1), 0.0)]:
		span = (on - day).days
		if span > 0 and balance > 0.005:
			total += balance * span
			days += span
		balance -= amount
		day = on
	interest = round(total * rate / 100 / days_in_year + 1e-9, 2)
	return Accrual(interest, days, round(total / days, 2) if days else 0.0)
