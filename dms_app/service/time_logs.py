"""Technician clocking on repair order labour lines.

Several technicians may clock on one line at once, and a technician pauses by clocking off and on
again; but one technician is on one job at a time: one open clock each and no overlapping logs.
The technician's Employee row is locked while checking, so two simultaneous clock-ons of the same
technician cannot both pass."""

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, now_datetime

from dms_app.service.hours import hours_between
from dms_app.service.repair_orders import WORKING

SUPERVISOR_ROLES = ("Service Advisor", "Service Manager", "DMS Manager", "System Manager")
# how far a technician's own clock-on or clock-off may stray from the server's time
CLOCK_TOLERANCE_SECONDS = 300


def user_employees(user: str | None = None) -> list[str]:
	return frappe.get_all("Employee", filters={"user_id": user or frappe.session.user}, pluck="name")


def is_supervisor(user: str | None = None) -> bool:
	return bool(set(SUPERVISOR_ROLES) & set(frappe.get_roles(user)))


def validate(log):
	log.start = get_datetime(log.start)
	log.end = get_datetime(log.end) if log.end else None
	ro = frappe.db.get_value("Repair Order", log.repair_order, ["status", "docstatus"], as_dict=True)
	if not ro:
		frappe.throw(_("Repair order {0} does not exist.").format(log.repair_order))
	before = log.get_doc_before_save()
	if ro.status not in WORKING and (log.is_new() or (before and before.end)):
		frappe.throw(
			_("Repair order {0} is {1}: technicians can no longer clock on it.").format(
				log.repair_order, _(ro.status)
			)
		)
	line = frappe.db.get_value(
		"Repair Order Labour",
		{"name": log.labour_row, "parent": log.repair_order},
		["job_no", "labour_operation", "description", "technician", "approval_status"],
		as_dict=True,
	)
	if not line:
		frappe.throw(
			_("Labour line {0} is not on repair order {1}.").format(log.labour_row, log.repair_order)
		)
	if line.approval_status != "Approved":
		frappe.throw(
			_("The labour line is {0}: clock on approved work only.").format(_(line.approval_status))
		)
	if not is_supervisor():
		check_own_clocking(log, line, before)
	log.job_no, log.labour_operation = line.job_no, line.labour_operation
	log.job_description = line.description  # what the desk shows instead of the internal row code
	if log.end and log.end <= log.start:
		frappe.throw(_("Clocked off ({0}) must be after clocked on ({1}).").format(log.end, log.start))
	if log.start > now_datetime() or (log.end and log.end > now_datetime()):
		frappe.throw(_("Clock times cannot be in the future."))
	log.hours = hours_between(log.start, log.end) if log.end else 0
	check_overlap(log)


def check_own_clocking(log, line, before):
	"""A technician clocks their own time, as it happens, on a line assigned to them or on an
	unassigned line of an order they work on; back-dating or correcting clocks is a supervisor's."""
	if log.employee not in user_employees():
		frappe.throw(_("Technicians clock only their own time."), frappe.PermissionError)
	if line.technician and line.technician != log.employee:
		frappe.throw(_("This labour line is assigned to another technician."), frappe.PermissionError)
	if not line.technician and not frappe.has_permission("Repair Order", "read", log.repair_order):
		frappe.throw(
			_("You are not assigned to repair order {0}.").format(log.repair_order), frappe.PermissionError
		)
	if before and (before.end or get_datetime(before.start) != log.start):
		frappe.throw(_("Ask a service advisor to correct a clocking."), frappe.PermissionError)
	now = now_datetime()
	stamped = [log.end] if before else [log.start, log.end]
	if any(t and abs((now - t).total_seconds()) > CLOCK_TOLERANCE_SECONDS for t in stamped):
		frappe.throw(
			_("Technicians clock on and off as they work; ask a service advisor to record past time."),
			frappe.PermissionError,
		)


def check_overlap(log):
	"""Lock the technician, then read their logs with a locking read: it sees what a concurrent
	clock-on committed while this transaction waited, which a plain snapshot read would not."""
	frappe.db.get_value("Employee", log.employee, "name", for_update=True)
	clash = frappe.db.sql(
		"""select name, repair_order, start, `end` from `tabTechnician Time Log`
		where employee = %(employee)s and name != %(name)s
		and (`end` is null or `end` > %(start)s) and (%(end)s is null or start < %(end)s)
		limit 1 for update""",
		{"employee": log.employee, "name": log.name or "", "start": log.start, "end": log.end},
		as_dict=True,
	)
	if clash:
		other = clash[0]
		if other.end:
			message = _("Technician {0} is already clocked on repair order {1} from {2} to {3}.").format(
				log.employee, other.repair_order, other.start, other.end
			)
		else:
			message = _("Technician {0} is already clocked on repair order {1} since {2}.").format(
				log.employee, other.repair_order, other.start
			)
		frappe.throw(message, title=_("Technician already on a job"))


def update_actual_hours(log, method=None):
	total = frappe.db.sql(
		"select sum(hours) from `tabTechnician Time Log` where labour_row = %s", log.labour_row
	)[0][0]
	frappe.db.set_value(
		"Repair Order Labour", log.labour_row, "actual_hours", flt(total, 2), update_modified=False
	)


def clock_on(repair_order: str, labour_row: str, employee: str | None = None) -> str:
	employee = employee or next(iter(user_employees()), None)
	if not employee:
		frappe.throw(_("No Employee record is linked to user {0}.").format(frappe.session.user))
	log = frappe.get_doc(
		{
			"doctype": "Technician Time Log",
			"repair_order": repair_order,
			"labour_row": labour_row,
			"employee": employee,
			"start": now_datetime(),
		}
	)
	log.insert()
	return log.name


def clock_off(employee: str | None = None, end=None, repair_order: str | None = None) -> str:
	"""End the open clocking of `employee` (default: the user's own Employee); an advisor without
	one clocks off the technician working on `repair_order`, when only one is."""
	employee = employee or next(iter(user_employees()), None)
	if employee:
		filters = {"employee": employee}
	elif repair_order:
		filters = {"repair_order": repair_order}
	else:
		frappe.throw(
			_("No Employee record is linked to user {0}: choose the technician.").format(frappe.session.user)
		)
	names = frappe.get_all("Technician Time Log", {**filters, "end": ("is", "not set")}, pluck="name")
	if not names:
		frappe.throw(
			_("Technician {0} is not clocked on.").format(frappe.bold(employee))
			if employee
			else _("No technician is clocked on repair order {0}.").format(frappe.bold(repair_order))
		)
	if len(names) > 1:
		frappe.throw(
			_("Several technicians are clocked on repair order {0}: choose one.").format(repair_order)
		)
	log = frappe.get_doc("Technician Time Log", names[0])
	log.end = end or now_datetime()
	log.save()
	return log.name


def restricted(user: str, doctype: str) -> bool:
	"""A user who reads the doctype only through the Technician role sees only their own jobs."""
	if user == "Administrator":
		return False
	roles = set(frappe.get_roles(user))
	readers = {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}
	return "Technician" in roles and not (roles - {"Technician"}) & readers


def permission_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	doctype = doctype or "Technician Time Log"
	if not restricted(user, doctype):
		return ""
	employees = ", ".join(frappe.db.escape(e) for e in user_employees(user)) or "''"
	if doctype == "Repair Order":
		return f"""exists (select 1 from `tabRepair Order Labour` l
			where l.parent = `tabRepair Order`.name and l.technician in ({employees}))"""
	return f"`tabTechnician Time Log`.employee in ({employees})"


def has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	user = user or frappe.session.user
	if not restricted(user, doc.doctype):
		return None
	employees = set(user_employees(user))
	if doc.doctype == "Repair Order":
		return any(row.technician in employees for row in doc.labour or [])
	return doc.is_new() or doc.employee in employees
