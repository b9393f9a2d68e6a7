"""Whitelisted planning methods: start or resume a forecast run (Forecast Run list and form), run the
alerts now (DMS Alert Log list). A run's progress is on its form."""

import frappe
from frappe import _

from dms_app.planning.runs import JOBS, enqueue_run, start_run


def require_role(roles: tuple[str, ...]):
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(
			_("Only {0} can do this.").format(", ".join(_(r) for r in roles)), frappe.PermissionError
		)


RUN_ROLES = {
	"Parts Forecast": ("System Manager", "DMS Manager", "Parts Manager"),
	"Vehicle Forecast": ("System Manager", "DMS Manager", "Sales Manager"),
}


@frappe.whitelist(methods=["POST"])
def run_forecast(job: str) -> str:
	"""Start (or resume) this period's run of ``job`` on the long queue; returns the Forecast Run name."""
	if job not in JOBS:
		frappe.throw(_("Unknown planning job {0}; choose one of: {1}.").format(job, ", ".join(JOBS)))
	require_role(RUN_ROLES[job])
	return start_run(job)


@frappe.whitelist(methods=["POST"])
def resume_run(run: str) -> str:
	"""Re-enqueue a failed or paused run: it continues after its last completed chunk."""
	job, status = frappe.db.get_value("Forecast Run", run, ["job", "status"]) or (None, None)
	if not job:
		frappe.throw(_("Forecast Run {0} not found").format(run), frappe.DoesNotExistError)
	require_role(RUN_ROLES[job])
	if status == "Completed":
		frappe.throw(_("Forecast Run {0} is already completed").format(run))
	enqueue_run(run)
	return run


@frappe.whitelist(methods=["POST"])
def run_alerts_now() -> None:
	"""Run the enabled alerts now on the long queue (already-sent alerts are not sent again)."""
	require_role(("System Manager", "DMS Manager"))
	from dms_app.alerts.delivery import schedule_alerts

	schedule_alerts()
