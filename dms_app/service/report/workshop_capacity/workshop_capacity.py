"""Workshop capacity by day: technician hours available, booked by appointments, free, and load %.
Left out: cancelled and no-show appointments."""

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, nowdate

from dms_app.controllers import reports
from dms_app.service import appointments, capacity


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or nowdate())
	to_date = getdate(filters.to_date or add_days(from_date, 13))
	if to_date < from_date:
		frappe.throw(_("To Date {0} is before From Date {1}").format(to_date, from_date))
	if (to_date - from_date).days > 366:
		frappe.throw(_("Show at most a year at a time"))
	totals = appointments.capacity_by_day(from_date, to_date)
	booked = appointments.booked_by_day(from_date, to_date)
	counts = dict(
		frappe.db.sql(
			"""select appointment_date, count(*) from `tabService Appointment`
			where appointment_date between %s and %s and status in %s group by appointment_date""",
			(from_date, to_date, appointments.ACTIVE),
		)
	)
	rows = []
	for day in capacity.days_between(from_date, to_date):
		total, used = totals[day], booked.get(day, 0.0)
		rows.append(
			{
				"day": day,
				"weekday": _(day.strftime("%A")),
				"appointments": counts.get(day, 0),
				"capacity_hours": total,
				"booked_hours": used,
				"free_hours": capacity.free_hours(total, used),
				"load": flt(used / total * 100, 1) if total else (100.0 if used else 0.0),
			}
		)
	chart = {
		"data": {
			"labels": [str(r["day"]) for r in rows],
			"datasets": [
				{"name": _("Booked"), "values": [r["booked_hours"] for r in rows]},
				{"name": _("Free"), "values": [r["free_hours"] for r in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
	return columns(), rows, None, chart


def columns():
	return [
		reports.column("Day", "day", "Date", width=110),
		reports.column("Weekday", "weekday", width=100),
		reports.column("Appointments", "appointments", "Int", width=110),
		reports.column("Technician Hours", "capacity_hours", "Float", width=130, precision=2),
		reports.column("Booked Hours", "booked_hours", "Float", precision=2),
		reports.column("Free Hours", "free_hours", "Float", width=110, precision=2),
		reports.column("Load %", "load", "Percent", width=100),
	]
