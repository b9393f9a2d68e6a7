"""Workshop hours arithmetic, free of the database: hours between clockings, hours attended,
the age buckets of open repair orders."""

from datetime import datetime

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
