"""Workshop capacity maths: technician hours available per day, hours left to book, drop-off slots.

No database here: dms_app.service.appointments loads technicians, holidays, absences and bookings
and hands them to these functions, so the rules are unit-tested on their own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# Hours are stored with 2-3 decimals; comparisons use this tolerance so 7.999999 fits in 8.
EPSILON = 1e-6


@dataclass(frozen=True)
class Technician:
	"""One technician's availability rules.

	hours_per_day: normal attended hours; days_off: dates on their holiday list (weekly offs and
	holidays); reduced: dates with fewer hours (absence, half day) mapped to the hours still worked;
	joined / left: employment bounds (inclusive), None when open.
	"""

	hours_per_day: float
	days_off: frozenset[date] = frozenset()
	reduced: Mapping[date, float] = field(default_factory=dict)
	joined: date | None = None
	left: date | None = None

	def hours_on(self, day: date) -> float:
		if (self.joined and day < self.joined) or (self.left and day > self.left):
			return 0.0
		if day in self.days_off:
			return 0.0
		if day in self.reduced:
			return max(0.0, min(float(self.reduced[day]), self.hours_per_day))
		return max(0.0, float(self.hours_per_day))


def day_capacity(technicians: Iterable[Technician], day: date) -> float:
	"""Technician hours available on a day."""
	return round(sum(t.hours_on(day) for t in technicians), 3)


def free_hours(capacity: float, booked: float) -> float:
	return round(max(0.0, float(capacity) - float(booked)), 3)


def fits(capacity: float, booked: float, hours: float) -> bool:
	"""Whether `hours` more can be booked on a day with this capacity and bookings."""
	return float(booked) + float(hours) <= float(capacity) + EPSILON


def slot_times(opens: time, closes: time, minutes: int) -> list[time]:
	"""Drop-off times from opening, every `minutes`, the last one at least one interval before closing."""
	if minutes <= 0:
		raise ValueError("slot length must be positive")
	start = datetime.combine(date.min, opens)
	end = datetime.combine(date.min, closes)
	times = []
	while start + timedelta(minutes=minutes) <= end:
		times.append(start.time())
		start += timedelta(minutes=minutes)
	return times


def open_slots(
	day: date,
	capacity: float,
	booked: float,
	hours: float,
	times: Iterable[time],
	arrivals: Mapping[time, int],
	per_slot: int,
	now: datetime,
) -> list[dict]:
	"""The drop-off slots of one day that can take a job of `hours`.

	A slot is offered when the day still has `hours` free, fewer than `per_slot` vehicles arrive at
	that time (0 = no limit), and it is not in the past.
	"""
	if not fits(capacity, booked, hours) or hours <= 0:
		return []
	left = free_hours(capacity, booked)
	slots = []
	for start in times:
		if datetime.combine(day, start) <= now:
			continue
		if per_slot and arrivals.get(start, 0) >= per_slot:
			continue
		slots.append({"date": day, "start_time": start, "free_hours": left})
	return slots


def days_between(from_date: date, to_date: date) -> list[date]:
	return [from_date + timedelta(days=n) for n in range((to_date - from_date).days + 1)]
