"""Forecast Run: a chunked, resumable, single-writer background run per job and period.

One run exists per job and period (its name is "<job>-<period>"), so the scheduler firing twice, a
manual "run now" and a retry all land on the same record: a completed run is not redone. The series
are split into chunks; each chunk's results are written and committed together with the run's
``last_chunk``, so a run that dies resumes at the next chunk and a failed chunk leaves nothing half
written (its writes are rolled back to the savepoint taken before it). Only one worker runs a job at a
time: claiming locks the run row (SELECT ... FOR UPDATE) and refuses while another run of the job is
Running and not stale. Failed and stale runs are re-enqueued hourly, up to ``MAX_ATTEMPTS``, also when
their worker was killed and left the job "started" in RQ (dms_app.jobs). A retried chunk rewrites its
Demand Forecasts and Vehicle Order Suggestions under their natural keys (unique names), and draft
Material Requests are made under the run's row lock, skipping parts already on an open draft.
"""

import importlib
import traceback

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, getdate, now_datetime

from dms_app.jobs import enqueue_again, stale_before

JOBS = {"Parts Forecast": "dms_app.planning.parts", "Vehicle Forecast": "dms_app.planning.vehicles"}
"""Job name -> module with period_key(today), set_window(run, today, settings), series_keys(run),
process_chunk(run, keys) -> stats and finish(run) -> stats (stats: counters added to the run)."""
MAX_ATTEMPTS = 3
SAVEPOINT = "dms_planning_step"
LOG_LINES = 500


def job_module(job: str):
	if job not in JOBS:
		frappe.throw(_("Unknown planning job {0}; choose one of: {1}.").format(job, ", ".join(JOBS)))
	return importlib.import_module(JOBS[job])


def commit():
	"""Commit a finished step and mark the start of the next (a failure rolls back to here).

	Tests run inside one transaction that is rolled back afterwards, so they only move the savepoint."""
	if not frappe.flags.in_test:
		frappe.db.commit()
	frappe.db.savepoint(SAVEPOINT)


def start_run(job: str, today=None, now: bool = False) -> str:
	"""Create (or find) this period's run of ``job`` and enqueue it on the long queue unless completed.

	Nothing is committed here (it runs in requests and scheduler ticks): the job is enqueued after the
	caller's transaction commits, so the worker finds the run."""
	name = create_run(job, today)
	if frappe.db.get_value("Forecast Run", name, "status") != "Completed":
		enqueue_run(name, now=now)
	return name


def create_run(job: str, today=None) -> str:
	"""The run of ``job`` for the period of ``today``: created with its history window if missing."""
	module = job_module(job)
	today = getdate(today)
	settings = frappe.get_cached_doc("DMS Settings")
	name = f"{job}-{module.period_key(today)}"
	if frappe.db.exists("Forecast Run", name):
		return name
	if not settings.company:
		frappe.throw(_("Set the Company in DMS Settings before running {0}.").format(_(job)))
	run = frappe.new_doc("Forecast Run")
	run.update(
		{
			"job": job,
			"period_key": module.period_key(today),
			"company": settings.company,
			"chunk_size": cint(settings.planning_chunk_size) or 500,
			"last_chunk": -1,
		}
	)
	module.set_window(run, today, settings)
	try:
		run.insert(ignore_permissions=True)  # a system record: who may start a job is checked by the caller
	except frappe.DuplicateEntryError:
		pass  # another scheduler tick created it first: it is the same run
	return name


JOB_TIMEOUT = 4 * 3600


def job_id(name: str) -> str:
	return f"dms-planning::{name}"


def enqueue_run(name: str, now: bool = False):
	frappe.enqueue(
		"dms_app.planning.runs.execute_run",
		queue="long",
		timeout=JOB_TIMEOUT,
		job_id=job_id(name),
		deduplicate=not (now or frappe.flags.in_test),
		now=now or frappe.flags.in_test,
		enqueue_after_commit=True,
		run_name=name,
	)


def execute_run(run_name: str, max_chunks: int | None = None) -> str:
	"""Run (or resume) ``run_name`` from the chunk after its last one; returns the run's status.

	``max_chunks`` stops after that many chunks with the run Queued again (a time slice), e.g. to keep
	a huge first run under the queue's timeout; the next call resumes where it stopped.
	"""
	if not claim(run_name):
		return frappe.db.get_value("Forecast Run", run_name, "status")
	run = frappe.get_doc("Forecast Run", run_name)
	module = job_module(run.job)
	try:
		frappe.db.savepoint(SAVEPOINT)
		keys = module.series_keys(run)
		size = cint(run.chunk_size) or 500
		chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
		update(run, series_count=len(keys), total_chunks=len(chunks))
		if run.last_chunk + 1 < len(chunks):
			log(run, _("Resuming at chunk {0} of {1}").format(run.last_chunk + 2, len(chunks)))
		done = 0
		for index in range(cint(run.last_chunk) + 1, len(chunks)):
			if max_chunks is not None and done >= max_chunks:
				log(run, _("Paused after chunk {0}").format(index))
				update(run, status="Queued")
				commit()
				return "Queued"
			frappe.db.savepoint(SAVEPOINT)
			stats = module.process_chunk(run, chunks[index])
			add_stats(run, stats)
			log(run, _("Chunk {0}/{1}: {2} series").format(index + 1, len(chunks), len(chunks[index])))
			update(run, last_chunk=index, progress=90 * (index + 1) / len(chunks))
			commit()
			frappe.publish_progress(run.progress, title=run.name, doctype=run.doctype, docname=run.name)
			done += 1
		frappe.db.savepoint(SAVEPOINT)
		add_stats(run, module.finish(run))
		log(run, _("Completed"))
		update(run, status="Completed", progress=100, finished_at=now_datetime(), error="")
		commit()
		return "Completed"
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		run.reload()
		log(run, _("Failed after chunk {0}; will resume at the next").format(cint(run.last_chunk) + 1))
		update(run, status="Failed", error=traceback.format_exc()[-10000:])
		commit()
		raise


def claim(run_name: str) -> bool:
	"""Mark the run Running unless it is completed or this job is already running elsewhere."""
	row = frappe.db.get_value(
		"Forecast Run",
		run_name,
		["status", "job", "attempts", "started_at", "creation", "modified"],
		as_dict=True,
		for_update=True,
	)
	if not row or row.status == "Completed":
		return False
	stale = stale_before()
	if row.status == "Running" and get_datetime(row.modified) > stale:
		return False  # read from the locked row: a plain read may see a snapshot older than the claim
	newer = frappe.db.get_value(
		"Forecast Run", {"job": row.job, "creation": (">", row.creation)}, "name", order_by="creation desc"
	)
	if newer:  # finishing it now would replace newer forecasts with older ones
		if row.status != "Failed":
			frappe.db.set_value("Forecast Run", run_name, "status", "Failed")
		frappe.db.set_value("Forecast Run", run_name, "error", _("Superseded by {0}").format(newer))
		commit()
		return False
	if frappe.db.exists("Forecast Run", {"job": row.job, "status": "Running", "modified": (">", stale)}):
		return False
	values = {"status": "Running", "attempts": cint(row.attempts) + 1}
	if not row.started_at:
		values["started_at"] = now_datetime()
	frappe.db.set_value("Forecast Run", run_name, values)
	commit()
	return True


def update(run, **values):
	run.update(values)
	run.db_set(values)


def add_stats(run, stats: dict | None):
	for field, value in (stats or {}).items():
		run.set(field, (run.get(field) or 0) + value)
	if stats:
		run.db_set({field: run.get(field) for field in stats})


def log(run, message: str):
	lines = (run.log or "").splitlines()[-(LOG_LINES - 1) :]
	lines.append(f"{now_datetime():%Y-%m-%d %H:%M:%S} {message}")
	run.log = "\n".join(lines)
	run.db_set("log", run.log)


def retry_runs():
	"""Hourly: re-enqueue the latest run of each job if it failed (up to MAX_ATTEMPTS), was paused or its
	worker died mid-way. Older unfinished runs are left: a newer period's run supersedes them."""
	stale = stale_before()
	for job in JOBS:
		run = frappe.db.get_value(
			"Forecast Run",
			{"job": job},
			["name", "status", "attempts", "modified"],
			as_dict=True,
			order_by="creation desc",
		)
		if not run or run.status == "Completed":
			continue
		if run.status == "Failed" and cint(run.attempts) >= MAX_ATTEMPTS:
			continue
		if run.status == "Running" and get_datetime(run.modified) > stale:
			continue
		# a worker killed mid-run leaves its job "started" in RQ: it must not block the retry
		enqueue_again(
			"dms_app.planning.runs.execute_run", job_id(run.name), timeout=JOB_TIMEOUT, run_name=run.name
		)


def schedule_parts_forecast():
	start_run("Parts Forecast")


def schedule_vehicle_forecast():
	start_run("Vehicle Forecast")
