"""Workshop KPIs and clocking arithmetic, free of the database (formulas as named in docs/kpis.md)."""

from datetime import datetime


def ratio(numerator: float, denominator: float) -> float | None:
	"""numerator ÷ denominator, or None when there is nothing to divide by."""
	return numerator / denominator if denominator else None


def technician_efficiency(flat_hours_billed: float, hours_clocked: float) -> float | None:
	"""Technician efficiency = flat-rate hours billed ÷ hours clocked on jobs."""
	return ratio(flat_hours_billed, hours_clocked)


def technician_productivity(hours_clocked: float, hours_attended: float) -> float | None:
	"""Technician productivity = hours clocked on jobs ÷ hours attended (available)."""
	return ratio(hours_clocked, hours_attended)


def technician_proficiency(flat_hours_billed: float, hours_attended: float) -> float | None:
	"""Technician proficiency = flat-rate hours billed ÷ hours attended."""
	return ratio(flat_hours_billed, hours_attended)


def effective_labour_rate(labour_sales: float, flat_hours_billed: float) -> float | None:
	"""Effective labour rate (ELR) = labour sales ÷ flat-rate hours billed."""
	return ratio(labour_sales, flat_hours_billed)


ATTENDANCE_WEIGHT = {"Present": 1.0, "Work From Home": 1.0, "Half Day": 0.5}


def attended_hours(attendance_statuses: list[str], hours_per_day: float) -> float:
	"""Hours attended from ERPNext Attendance statuses (Absent / On Leave count nothing)."""
	return sum(ATTENDANCE_WEIGHT.get(status, 0.0) for status in attendance_statuses) * hours_per_day


def hours_between(start: datetime, end: datetime) -> float:
	return round((end - start).total_seconds() / 3600, 4)


AGE_BUCKETS = ((0, 1, "Today"), (1, 3, "1-2 days"), (3, 8, "3-7 days"), (8, 31, "8-30 days"))


def age_bucket(days: int) -> str:
	for low, high, label in AGE_BUCKETS:
		if low <= days < high:
			return label
	return "Over 30 days"
