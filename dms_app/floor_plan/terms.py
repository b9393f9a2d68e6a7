"""Floor-plan arithmetic, with no database: principal per vehicle, payoff due date, status and the
curtailments due. Amounts in the company currency, rounded to the cent."""

from datetime import date, timedelta


def allocate(total: float, weights: list[float], precision: int = 2) -> list[float]:
	"""`total` split in proportion to `weights`, each rounded; the last takes the rounding so that the
	parts add up to the total exactly."""
	if not weights:
		return []
	whole = sum(weights)
	parts = [round(total * w / whole, precision) if whole else 0.0 for w in weights[:-1]]
	return [*parts, round(total - sum(parts), precision)]


def payoff_due(sold_on: date | None, payoff_days: int) -> date | None:
	"""The lender's terms: the payoff is due `payoff_days` after the sale."""
	return sold_on + timedelta(days=payoff_days or 0) if sold_on else None


def status(docstatus: int, outstanding: float, sold_on) -> str:
	"""Draft / Financed / Sold / Paid Off / Cancelled, derived from the record (never drives effects)."""
	if docstatus == 0:
		return "Draft"
	if docstatus == 2:
		return "Cancelled"
	if round(outstanding, 2) <= 0:
		return "Paid Off"
	return "Sold" if sold_on else "Financed"


def curtailment_due(principal: float, schedule: list[tuple[int, float]], days_financed: int) -> float:
	"""The principal the lender wants repaid by `days_financed` days after financing: the sum of the
	schedule's percentages of principal whose day has come (capped at the principal)."""
	percent = sum(pct for days, pct in schedule if days_financed >= days)
	return round(min(principal, principal * percent / 100), 2)
