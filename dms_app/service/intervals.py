"""Next service due from a service interval: by date and by mileage, whichever comes first.

Pure maths (no database): dms_app.service.service_due reads the vehicle and its interval and
stores the result on the Motor Vehicle.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

KM_PER_MILE = 1.609344


@dataclass(frozen=True)
class Interval:
	months: int = 0
	distance_km: int = 0


@dataclass(frozen=True)
class NextDue:
	date: date | None  # the earlier of date_by_time and date_by_mileage
	odometer: int | None  # reading (in the vehicle's unit) at which the service is due
	date_by_time: date | None
	date_by_mileage: date | None  # when the mileage is expected to reach `odometer`

	@property
	def basis(self) -> str | None:
		"""Which limit comes first: "time" or "mileage" (None when nothing is known)."""
		if not self.date:
			return "mileage" if self.odometer else None
		return (
			"mileage"
			if self.date_by_mileage and self.date_by_mileage < (self.date_by_time or date.max)
			else "time"
		)


def add_months(day: date, months: int) -> date:
	"""Calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def distance_in_unit(distance_km: float, unit: str) -> int:
	return round(distance_km / KM_PER_MILE) if unit == "mi" else round(distance_km)


def daily_distance(
	since: date | None, start_odometer: float, until: date | None, odometer: float
) -> float | None:
	"""Average distance a day between two readings; None when it can't be told (too few days or no distance)."""
	if not since or not until or odometer is None:
		return None
	days = (until - since).days
	distance = float(odometer) - float(start_odometer or 0)
	if days < 7 or distance <= 0:
		return None
	return distance / days


def next_due(
	last_date: date | None,
	last_odometer: int | None,
	interval: Interval,
	unit: str = "km",
	per_day: float | None = None,
) -> NextDue:
	"""The next service after one done on `last_date` at `last_odometer`.

	The date limit is `interval.months` after the last service; the mileage limit is
	`interval.distance_km` (converted to the vehicle's unit) after its reading. With the vehicle's
	average daily distance (`per_day`, in its unit) the mileage limit is turned into an expected
	date, and the earlier of the two becomes the due date.
	"""
	by_time = add_months(last_date, interval.months) if last_date and interval.months else None
	odometer = None
	by_mileage = None
	if interval.distance_km and last_odometer is not None:
		step = distance_in_unit(interval.distance_km, unit)
		odometer = int(last_odometer) + step
		if last_date and per_day and per_day > 0:
			by_mileage = last_date + timedelta(days=int(step / per_day))
	candidates = [d for d in (by_time, by_mileage) if d]
	return NextDue(min(candidates) if candidates else None, odometer, by_time, by_mileage)


def due_reason(
	next_date: date | None,
	next_odometer: int | None,
	odometer: int | None,
	today: date,
	within_days: int,
	within_distance: int,
) -> str | None:
	"""Why a vehicle is due within the window: "date", "mileage" or None when it is not."""
	if next_date and next_date <= today + timedelta(days=within_days):
		return "date"
	if next_odometer and odometer is not None and next_odometer - odometer <= within_distance:
		return "mileage"
	return None
