"""Service appointments against workshop capacity: loading technicians and bookings, the per-day
lock, slot search, who may book, and the moves a repair order makes. The milestones and the shipped
workflow are in appointment_lifecycle.py; the confirmation and reminder emails are Frappe
Notifications (service/setup.py).

The maths is in dms_app.service.capacity; this module feeds it from the database.
"""

import json
from collections import defaultdict
from datetime import date, datetime, time

import frappe
from frappe import _
from frappe.utils import add_days, flt, get_time, getdate, now_datetime, nowdate

from dms_app.controllers import lifecycle
from dms_app.dms.doctype.dms_settings.dms_settings import get_settings
from dms_app.portal.customer import customers_for_user
from dms_app.service import capacity
from dms_app.service.appointment_lifecycle import ARRIVED, COMPLETED, CONFIRMED, REQUESTED
from dms_app.service.capacity import Technician

ACTIVE = (REQUESTED, CONFIRMED, ARRIVED, COMPLETED)  # milestones whose hours the day's capacity holds
OPEN = (REQUESTED, CONFIRMED)  # not yet in the workshop: may be rescheduled or cancelled
PORTAL_BOOKING_HOURS = 1.0
"""Workshop hours a portal booking reserves until the advisor plans the work, and the hours the
portal's slot search looks for: a website user's own figure is not trusted (a tiny one would
overbook, a large one block days)."""
MAX_SEARCH_DAYS = 62


def settings() -> frappe._dict:
	"""DMS Settings with this area's times as `datetime.time` (DMS Settings validates the values)."""
	values = get_settings()
	values.workshop_opens = get_time(values.workshop_opens)
	values.workshop_closes = get_time(values.workshop_closes)
	return values


# ------------------------------------------------------------------ capacity from the database


def technicians(from_date: date, to_date: date) -> list[Technician]:
	"""Active Employees marked Is Technician, with their days off and absences in the range."""
	config = settings()
	employees = frappe.get_all(
		"Employee",
		filters={"is_technician": 1, "status": "Active"},
		fields=[
			"name",
			"company",
			"holiday_list",
			"technician_hours_per_day",
			"date_of_joining",
			"relieving_date",
		],
	)
	if not employees:
		return []
	holiday_lists = {e.name: e.holiday_list or company_holiday_list(e.company) for e in employees}
	days_off = holidays(set(filter(None, holiday_lists.values())), from_date, to_date)
	reduced = absences([e.name for e in employees], from_date, to_date)
	return [
		Technician(
			hours_per_day=flt(e.technician_hours_per_day) or flt(config.technician_hours_per_day),
			days_off=frozenset(days_off.get(holiday_lists[e.name], ())),
			reduced=reduced.get(e.name, {}),
			joined=getdate(e.date_of_joining) if e.date_of_joining else None,
			left=getdate(e.relieving_date) if e.relieving_date else None,
		)
		for e in employees
	]


def company_holiday_list(company: str) -> str | None:
	return frappe.get_cached_value("Company", company, "default_holiday_list") if company else None


def holidays(holiday_lists: set[str], from_date: date, to_date: date) -> dict[str, set[date]]:
	if not holiday_lists:
		return {}
	rows = frappe.get_all(
		"Holiday",
		filters={
			"parenttype": "Holiday List",
			"parent": ("in", sorted(holiday_lists)),
			"holiday_date": ("between", (from_date, to_date)),
		},
		fields=["parent", "holiday_date"],
	)
	result = defaultdict(set)
	for row in rows:
		result[row.parent].add(getdate(row.holiday_date))
	return result


def absences(employees: list[str], from_date: date, to_date: date) -> dict[str, dict[date, float]]:
	rows = frappe.get_all(
		"Technician Absence",
		filters={"employee": ("in", employees), "from_date": ("<=", to_date), "to_date": (">=", from_date)},
		fields=["employee", "from_date", "to_date", "available_hours"],
	)
	result = defaultdict(dict)
	for row in rows:
		for day in capacity.days_between(
			max(getdate(row.from_date), from_date), min(getdate(row.to_date), to_date)
		):
			hours = flt(row.available_hours)
			result[row.employee][day] = min(hours, result[row.employee].get(day, hours))
	return result


def capacity_by_day(from_date: date, to_date: date) -> dict[date, float]:
	staff = technicians(from_date, to_date)
	return {day: capacity.day_capacity(staff, day) for day in capacity.days_between(from_date, to_date)}


def booked_by_day(from_date: date, to_date: date) -> dict[date, float]:
	"""Hours booked per day: the estimated hours of its appointments in ACTIVE statuses (what the
	slot search, the Workshop Capacity report and each day's Workshop Day row count)."""
	rows = frappe.db.sql(
		"""select appointment_date, sum(estimated_hours) from `tabService Appointment`
		where appointment_date between %s and %s and status in %s group by appointment_date""",
		(from_date, to_date, ACTIVE),
	)
	return {getdate(day): flt(hours) for day, hours in rows}


def arrivals_by_slot(from_date: date, to_date: date) -> dict[date, dict[time, int]]:
	rows = frappe.db.sql(
		"""select appointment_date, start_time, count(*) from `tabService Appointment`
		where appointment_date between %s and %s and status in %s group by appointment_date, start_time""",
		(from_date, to_date, ACTIVE),
	)
	result = defaultdict(dict)
	for day, start, count in rows:
		result[getdate(day)][get_time(start)] = count
	return result


# ------------------------------------------------------------------ the per-day row and its lock


def slot_key(start) -> str:
	return get_time(start).strftime("%H:%M")


def contribution(doc) -> tuple[date, str, float] | None:
	"""What an appointment takes from its day: (day, drop-off time, hours), None when inactive."""
	if not doc or doc.status not in ACTIVE:
		return None
	return getdate(doc.appointment_date), slot_key(doc.start_time), flt(doc.estimated_hours)


def lock_days(days) -> dict[date, frappe._dict]:
	"""Lock the days' Workshop Day rows until the transaction ends and return what they hold.

	INSERT ... ON DUPLICATE KEY UPDATE creates a missing row or takes an exclusive lock on the
	existing one (INSERT IGNORE would take a shared lock there: two bookers holding it then both
	waiting to upgrade it deadlock); SELECT ... FOR UPDATE then reads the day's latest committed
	values, which a plain read in a long REPEATABLE READ transaction would not. Days are locked in
	date order so two reschedules in opposite directions can't deadlock.
	"""
	state = {}
	stamp = now_datetime()
	for day in sorted({getdate(d) for d in days}):
		name = str(day)
		frappe.db.sql(
			"""insert into `tabWorkshop Day` (name, day, creation, modified, owner, modified_by)
			values (%s, %s, %s, %s, %s, %s) on duplicate key update name = name""",
			(name, name, stamp, stamp, frappe.session.user, frappe.session.user),
		)
		row = frappe.db.sql(
			"select booked_hours, arrivals from `tabWorkshop Day` where name = %s for update",
			name,
			as_dict=True,
		)[0]
		state[day] = frappe._dict(booked=flt(row.booked_hours), arrivals=json.loads(row.arrivals or "{}"))
	return state


def apply_change(old, new, state: dict) -> None:
	"""Move an appointment's hours and drop-off from `old` to `new` (contributions) on the locked
	rows in `state`, and store each day's capacity and free hours with them."""
	for sign, part in ((-1, old), (1, new)):
		if not part:
			continue
		day, slot, hours = part
		day_state = state[day]
		day_state.booked = max(0.0, flt(day_state.booked + sign * hours, 3))
		day_state.arrivals[slot] = day_state.arrivals.get(slot, 0) + sign
		if day_state.arrivals[slot] <= 0:
			del day_state.arrivals[slot]
	for day, day_state in state.items():
		write_day(day, day_state.booked, day_state.arrivals)


def write_day(day: date, booked: float, arrivals: dict) -> None:
	total = capacity_by_day(day, day)[day]
	frappe.db.sql(
		"""update `tabWorkshop Day` set booked_hours = %s, arrivals = %s, capacity_hours = %s,
		free_hours = %s where name = %s""",
		(
			booked,
			json.dumps(dict(sorted(arrivals.items()))),
			total,
			capacity.free_hours(total, booked),
			str(day),
		),
	)


def recount_day(day) -> None:
	"""Rebuild a day's row from its appointments (repairs changes made around the controller), as
	the slot search counts them (booked_by_day, arrivals_by_slot). Run it at the start of a
	transaction: the lock comes first, so the count reads fresh rows."""
	day = getdate(day)
	lock_days([day])
	arrivals = {slot_key(start): count for start, count in arrivals_by_slot(day, day).get(day, {}).items()}
	write_day(day, booked_by_day(day, day).get(day, 0.0), arrivals)


def recount_upcoming_days() -> None:
	"""Daily job: rebuild the rows of today and later, one short transaction per day (in tests, one
	transaction: it is rolled back afterwards)."""
	today = getdate(nowdate())
	days = set(frappe.get_all("Workshop Day", filters={"day": (">=", today)}, pluck="day"))
	days |= set(
		frappe.get_all(
			"Service Appointment",
			filters={"appointment_date": (">=", today), "status": ("in", ACTIVE)},
			pluck="appointment_date",
			distinct=True,
		)
	)
	for day in sorted(days):
		if not frappe.flags.in_test:
			frappe.db.commit()  # a new transaction, so the count after the lock sees the latest rows
		recount_day(day)


# ------------------------------------------------------------------ booking rules


def validate_booking(doc, day_state: frappe._dict, old) -> None:
	"""Refuse a slot in the past, outside opening hours or beyond the horizon, and a booking the
	day's capacity or its drop-off slot can't take. `day_state` is the locked day's row; `old` is
	what the appointment held before this change (its own share is not counted twice)."""
	config = settings()
	day = getdate(doc.appointment_date)
	start = get_time(doc.start_time)
	if datetime.combine(day, start) <= now_datetime():
		frappe.throw(
			_("The slot {0} {1} is in the past; choose a later date or time").format(
				frappe.format(day, "Date"), start.strftime("%H:%M")
			),
			title=_("Slot in the past"),
		)
	horizon = getdate(add_days(nowdate(), config.booking_horizon_days))
	if day > horizon:
		frappe.throw(
			_("Appointments can be booked up to {0} days ahead (until {1})").format(
				config.booking_horizon_days, frappe.format(horizon, "Date")
			)
		)
	if not (config.workshop_opens <= start < config.workshop_closes):
		frappe.throw(
			_("Drop-off time {0} is outside the workshop's hours ({1} to {2})").format(
				start.strftime("%H:%M"),
				config.workshop_opens.strftime("%H:%M"),
				config.workshop_closes.strftime("%H:%M"),
			)
		)
	total = capacity_by_day(day, day)[day]
	same_day = old and old[0] == day
	booked = day_state.booked - (old[2] if same_day else 0)
	if not capacity.fits(total, booked, doc.estimated_hours):
		if total <= 0:
			message = _("The workshop has no technician hours on {0} (closed or all technicians off)")
		else:
			message = _(
				"The workshop is fully booked on {0}: {1} of {2} technician hours are free and this appointment needs {3}"
			)
		frappe.throw(
			message.format(
				frappe.format(day, "Date"),
				hours_text(capacity.free_hours(total, booked)),
				hours_text(total),
				hours_text(doc.estimated_hours),
			),
			title=_("Workshop fully booked"),
		)
	per_slot = int(config.arrivals_per_slot or 0)
	slot = slot_key(start)
	if per_slot and not (same_day and old[1] == slot):
		arrivals = day_state.arrivals.get(slot, 0)
		if arrivals >= per_slot:
			frappe.throw(
				_("The drop-off slot {0} {1} already has {2} vehicles arriving; choose another time").format(
					frappe.format(day, "Date"), slot, arrivals
				),
				title=_("Slot taken"),
			)


def hours_text(hours) -> str:
	return f"{flt(hours, 2):g}"


def slots(from_date, to_date, hours: float) -> list[dict]:
	"""Drop-off slots between two dates that can take `hours` of work."""
	config = settings()
	from_date, to_date, hours = getdate(from_date), getdate(to_date), flt(hours)
	if not hours > 0:
		frappe.throw(_("Hours must be more than 0"))
	if to_date < from_date:
		frappe.throw(_("To Date {0} is before From Date {1}").format(to_date, from_date))
	today = getdate(nowdate())
	from_date = max(from_date, today)
	to_date = min(to_date, getdate(add_days(today, config.booking_horizon_days)))
	if (to_date - from_date).days >= MAX_SEARCH_DAYS:
		frappe.throw(_("Search at most {0} days at a time").format(MAX_SEARCH_DAYS))
	if to_date < from_date:
		return []
	totals = capacity_by_day(from_date, to_date)
	booked = booked_by_day(from_date, to_date)
	arrivals = arrivals_by_slot(from_date, to_date)
	times = capacity.slot_times(
		config.workshop_opens, config.workshop_closes, int(config.appointment_slot_minutes)
	)
	now = now_datetime()
	result = []
	for day in capacity.days_between(from_date, to_date):
		result.extend(
			capacity.open_slots(
				day,
				totals[day],
				booked.get(day, 0.0),
				hours,
				times,
				arrivals.get(day, {}),
				int(config.arrivals_per_slot or 0),
				now,
			)
		)
	return [
		{
			"date": str(s["date"]),
			"start_time": s["start_time"].strftime("%H:%M"),
			"free_hours": s["free_hours"],
		}
		for s in result
	]


# ------------------------------------------------------------------ who may book


def is_desk_user(user: str) -> bool:
	return frappe.db.get_value("User", user, "user_type") == "System User"


def check_vehicle_access(vehicle: str, user: str | None = None) -> tuple[str | None, bool]:
	"""Who books for `vehicle`: returns (customer, via_portal) or raises PermissionError.

	Website users may book only vehicles owned by a Customer of their Contact; desk users need
	permission to create appointments."""
	user = user or frappe.session.user
	owner = frappe.db.get_value("Motor Vehicle", vehicle, "customer")
	if is_desk_user(user):
		frappe.has_permission("Service Appointment", "create", user=user, throw=True)
		if not frappe.db.exists("Motor Vehicle", vehicle):
			frappe.throw(_("Vehicle {0} not found").format(vehicle), frappe.DoesNotExistError)
		return owner, False
	if not owner or owner not in customers_for_user(user):
		# same answer for "not yours" and "doesn't exist", so names can't be probed
		frappe.throw(_("You can only book appointments for your own vehicles"), frappe.PermissionError)
	return owner, True


# ------------------------------------------------------------------ emails and the repair order


def confirmed_slot(doc) -> datetime | None:
	"""The drop-off the customer is confirmed for, None unless Confirmed: the confirmation
	Notification goes out when it changes (the appointment confirmed, or rescheduled while confirmed)."""
	if doc.status != CONFIRMED:
		return None
	return datetime.combine(getdate(doc.appointment_date), get_time(doc.start_time)).replace(microsecond=0)


def email_language(email: str | None, customer_language: str | None) -> str:
	"""The language the customer's emails are written in (each Notification is one language): the
	recipient's own account (the portal's language switch), else the customer's print language, else
	the site's."""
	user_language = frappe.db.get_value("User", email, "language") if email else None
	return user_language or customer_language or frappe.db.get_default("lang") or "en"


def link_repair_order(appointment: str, repair_order: str) -> None:
	"""For the repair order when it opens: record it on its appointment and mark the customer arrived."""
	doc = frappe.get_doc("Service Appointment", appointment)
	if doc.status in OPEN:
		lifecycle.reach(doc, ARRIVED, repair_order=repair_order)
	else:
		doc.repair_order = repair_order
		doc.save(ignore_permissions=True)


def complete_for_repair_order(repair_order: str) -> None:
	"""For the repair order when it is completed: its arrived appointment becomes Completed."""
	for name in frappe.get_all(
		"Service Appointment", filters={"repair_order": repair_order, "status": ARRIVED}, pluck="name"
	):
		lifecycle.reach(frappe.get_doc("Service Appointment", name), COMPLETED)
