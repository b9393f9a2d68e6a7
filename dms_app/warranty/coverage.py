"""Warranty coverage rules, with no database: which policies still cover a vehicle.

A policy covers a vehicle from its warranty start date (the retail delivery date) for `months`
calendar months and up to `distance_km` on the odometer, whichever comes first:

- time: the last covered day is the day before the anniversary (start 2024-03-15, 36 months →
  covered up to and including 2027-03-14); a date before the start date is not covered;
- distance: covered up to and including the limit (100,000 km is covered, 100,001 km is not);
  a limit of 0 means unlimited distance; readings in miles are converted to km first;
- a policy for the vehicle's model replaces the make-wide policy (no model) of the same component
  group, so an OEM can give one model a longer EV battery warranty than the rest of the range.
"""

import calendar
from dataclasses import asdict, dataclass
from datetime import date, timedelta

KM_PER_MILE = 1.609344


@dataclass(frozen=True)
class Policy:
	name: str
	make: str
	component_group: str
	months: int
	distance_km: int = 0  # 0: unlimited
	model: str | None = None  # None: every model of the make


@dataclass(frozen=True)
class Cover:
	policy: str
	component_group: str
	expires_on: date  # last covered day
	remaining_days: int
	remaining_months: int  # whole calendar months left
	distance_km: int
	remaining_km: int | None  # None: unlimited

	def to_dict(self) -> dict:
		data = asdict(self)
		data["expires_on"] = self.expires_on.isoformat()
		return data


def add_months(day: date, months: int) -> date:
	"""Same day `months` later, clamped to the month's end (Jan 31 + 1 month → Feb 28/29)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months_between(start: date, end: date) -> int:
	"""Complete calendar months from `start` to `end` (0 when end < one month after start)."""
	months = (end.year - start.year) * 12 + end.month - start.month
	if add_months(start, months) > end:
		months -= 1
	return max(months, 0)


def to_km(odometer: float, unit: str = "km") -> float:
	if (unit or "km").lower() in ("mi", "mile", "miles"):
		return odometer * KM_PER_MILE
	return odometer


def applicable_policies(policies: list[Policy], make: str, model: str | None) -> list[Policy]:
	"""The make's policies for this model: model-specific ones replace make-wide ones per group."""
	own = [p for p in policies if p.make == make and (p.model is None or p.model == model)]
	specific_groups = {p.component_group for p in own if p.model}
	return [p for p in own if p.model or p.component_group not in specific_groups]


def covering_policies(
	policies: list[Policy],
	make: str,
	model: str | None,
	warranty_start: date | None,
	on_date: date,
	odometer_km: float,
) -> list[Cover]:
	"""The policies still covering the vehicle on `on_date` at `odometer_km`, longest first."""
	if warranty_start is None or on_date < warranty_start:
		return []
	if odometer_km < 0:
		raise ValueError("odometer reading cannot be negative")
	covers = []
	for policy in applicable_policies(policies, make, model):
		expires_on = add_months(warranty_start, policy.months) - timedelta(days=1)
		if on_date > expires_on:
			continue
		if policy.distance_km and odometer_km > policy.distance_km:
			continue
		covers.append(
			Cover(
				policy=policy.name,
				component_group=policy.component_group,
				expires_on=expires_on,
				remaining_days=(expires_on - on_date).days,
				remaining_months=whole_months_between(on_date, expires_on + timedelta(days=1)),
				distance_km=policy.distance_km,
				remaining_km=int(policy.distance_km - odometer_km) if policy.distance_km else None,
			)
		)
	return sorted(covers, key=lambda c: (-c.remaining_days, c.policy))


def cover_for_group(covers: list[Cover], component_group: str | None) -> Cover | None:
	"""The cover that pays for a failure in `component_group`: a policy of that group, else Basic.

	The basic (bumper-to-bumper) warranty pays for any component while it runs; the longer group
	warranties (powertrain, EV battery, …) pay only for their own group. No group means Basic.
	"""
	group = component_group or "Basic"
	for wanted in (group, "Basic"):
		for cover in covers:
			if cover.component_group == wanted:
				return cover
	return None
