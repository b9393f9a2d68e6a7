"""Technician efficiency, productivity and proficiency (docs/kpis.md formulas) per technician.

- flat-rate hours billed: approved labour lines of repair orders completed in the period (all pay
  types: the customer, the OEM or the dealer is billed), per line technician;
- hours clocked on jobs: Technician Time Logs starting in the period;
- hours attended: submitted Attendance (HRMS, when installed; Present / Work From Home = a day,
  Half Day = half) times the technician's hours per day (Employee, else DMS Settings); without
  Attendance records in the period, each day the technician clocked time counts as attended.
Left out: labour lines not approved or without a technician, and time logs not clocked off."""

import frappe
from frappe import _
from frappe.utils import add_days, flt

from dms_app import kpi
from dms_app.controllers import reports
from dms_app.service import hours as workshop_hours

DONE = ("Completed", "Invoiced", "Closed")


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.company, from_date, to_date = reports.period(filters, days=30)
	per_day = flt(frappe.db.get_single_value("DMS Settings", "technician_hours_per_day")) or 8
	billed = flat_hours_billed(from_date, to_date, filters)
	clocked, clock_days = hours_clocked(from_date, to_date, filters)
	employees = sorted(set(billed) | set(clocked))
	attendance = attendance_statuses(employees, from_date, to_date)
	rows = []
	own_hours = {}
	if frappe.get_meta("Employee").has_field("technician_hours_per_day") and employees:
		own_hours = dict(
			frappe.get_all(
				"Employee",
				filters={"name": ("in", employees)},
				fields=["name", "technician_hours_per_day"],
				as_list=True,
			)
		)
	for employee in employees:
		hours = flt(own_hours.get(employee)) or per_day
		if attendance.get(employee):
			attended, source = workshop_hours.attended_hours(attendance[employee], hours), _("Attendance")
		else:
			attended, source = clock_days.get(employee, 0) * hours, _("Days clocked")
		row = {
			"employee": employee,
			"employee_name": frappe.db.get_value("Employee", employee, "employee_name"),
			"flat_hours_billed": flt(billed.get(employee), 2),
			"hours_clocked": flt(clocked.get(employee), 2),
			"hours_attended": flt(attended, 2),
			"attended_from": source,
		}
		for key, value in (
			("efficiency", kpi.technician_efficiency(row["flat_hours_billed"], row["hours_clocked"])),
			("productivity", kpi.technician_productivity(row["hours_clocked"], row["hours_attended"])),
			("proficiency", kpi.technician_proficiency(row["flat_hours_billed"], row["hours_attended"])),
		):
			row[key] = flt(value * 100, 1) if value is not None else None
		rows.append(row)
	return columns(), rows


def flat_hours_billed(from_date, to_date, filters) -> dict:
	conditions = {"from": from_date, "to": add_days(to_date, 1), "done": DONE, "company": filters.company}
	extra = " and ro.company = %(company)s" if filters.company else ""
	if filters.employee:
		extra += " and l.technician = %(employee)s"
		conditions["employee"] = filters.employee
	return dict(
		frappe.db.sql(
			f"""select l.technician, sum(l.flat_hours) from `tabRepair Order Labour` l
			join `tabRepair Order` ro on ro.name = l.parent
			where ro.status in %(done)s and ro.completed_on >= %(from)s and ro.completed_on < %(to)s
			and l.approval_status = 'Approved' and ifnull(l.technician, '') != '' {extra}
			group by l.technician""",
			conditions,
		)
	)


def hours_clocked(from_date, to_date, filters) -> tuple[dict, dict]:
	values = {
		"from": from_date,
		"to": add_days(to_date, 1),
		"employee": filters.employee,
		"company": filters.company,
	}
	extra = " and t.employee = %(employee)s" if filters.employee else ""
	if filters.company:
		extra += " and ro.company = %(company)s"
	rows = frappe.db.sql(
		f"""select t.employee, sum(t.hours), count(distinct date(t.start))
		from `tabTechnician Time Log` t join `tabRepair Order` ro on ro.name = t.repair_order
		where t.start >= %(from)s and t.start < %(to)s and t.`end` is not null {extra}
		group by t.employee""",
		values,
	)
	return {r[0]: flt(r[1]) for r in rows}, {r[0]: r[2] for r in rows}


def attendance_statuses(employees, from_date, to_date) -> dict:
	result = {}
	if not employees or not frappe.db.table_exists("Attendance"):  # Attendance comes with HRMS
		return result
	for employee, status in frappe.db.sql(
		"""select employee, status from `tabAttendance` where docstatus = 1
		and employee in %(employees)s and attendance_date between %(from)s and %(to)s""",
		{"employees": employees, "from": from_date, "to": to_date},
	):
		result.setdefault(employee, []).append(status)
	return result


def columns():
	return [
		reports.column("Technician", "employee", "Link", "Employee", 130),
		reports.column("Name", "employee_name", width=160),
		reports.column("Flat-rate Hours Billed", "flat_hours_billed", "Float", width=150),
		reports.column("Hours Clocked on Jobs", "hours_clocked", "Float", width=150),
		reports.column("Hours Attended", "hours_attended", "Float", width=130),
		reports.column("Attended From", "attended_from"),
		reports.column("Technician Efficiency %", "efficiency", "Percent", width=150),
		reports.column("Technician Productivity %", "productivity", "Percent", width=160),
		reports.column("Technician Proficiency %", "proficiency", "Percent", width=160),
	]
