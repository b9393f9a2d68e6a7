"""Month buckets for demand histories (plain Python, no database).

Demand is aggregated per calendar month: the forecasting library is tuned and benchmarked on monthly
series (season length 12), a dealer's parts demand per item and warehouse is too sparse per week for any
method to beat a monthly average, and lead times of days are expressed as fractions of a month.
"""

from datetime import date

DAYS_PER_MONTH = 365.25 / 12


def month_start(day: date) -> date:
	return day.replace(day=1)


def add_months(day: date, months: int) -> date:
	"""First day of the month ``months`` after (or before) the month of ``day``."""
	index = day.year * 12 + day.month - 1 + months
	return date(index // 12, index % 12 + 1, 1)


def month_index(day: date, start: date) -> int:
	"""Months from the month of ``start`` to the month of ``day``."""
	return (day.year - start.year) * 12 + day.month - start.month


def month_key(day: date) -> str:
	return f"{day.year:04d}-{day.month:02d}"


def week_key(day: date) -> str:
	year, week, _ = day.isocalendar()
	return f"{year:04d}-W{week:02d}"


def history_window(today: date, months: int) -> tuple[date, date]:
	"""(first day, first day after) of the last ``months`` complete months before ``today``'s month."""
	end = month_start(today)
	return add_months(end, -months), end


def build_histories(keys, rows, start: date, n_months: int) -> list[list[float]]:
	"""One monthly history per key from ``rows`` of (key, month start, quantity).

	Quantities of the same key and month add up; a month's net demand below zero (more returned than sold)
	counts as zero. Each history starts at the key's first month with demand, so a part stocked last year
	is not read as two years of zeros; a key with no demand gets a single zero period.
	"""
	position = {key: i for i, key in enumerate(keys)}
	values = [[0.0] * n_months for _ in keys]
	for key, month, qty in rows:
		i = position.get(key)
		m = month_index(month, start)
		if i is not None and 0 <= m < n_months:
			values[i][m] += float(qty)
	histories = []
	for row in values:
		row = [max(v, 0.0) for v in row]
		first = next((m for m, v in enumerate(row) if v > 0), n_months - 1)
		histories.append(row[first:])
	return histories
