"""Re-enqueueing a background job whose worker died (docs: README "Faults and retries").

A worker killed mid-job (SIGKILL, out of memory, a machine restart) never reports back: RQ keeps the
job "started" until its registry is cleaned, which for a long-queue job can be hours, and Frappe's
``enqueue(deduplicate=True)`` refuses a job with that id meanwhile. The callers here have already found
the job's record stale (no progress for DMS Settings' ``planning_stale_minutes``), so a "started" job
counts as dead and is replaced; a job still waiting in its queue is left alone. Whatever runs the job
must be single-writer on its own (a row lock on its record), in case the old worker was only slow.
"""

import frappe
from frappe.utils import add_to_date, cint, now_datetime


def stale_before():
	"""Records of running jobs not modified since this moment are taken as abandoned by a dead worker."""
	minutes = cint(frappe.db.get_single_value("DMS Settings", "planning_stale_minutes")) or 60
	return add_to_date(now_datetime(), minutes=-minutes)


def enqueue_again(method: str, job_id: str, queue: str = "long", timeout: int | None = None, **kwargs):
	"""Enqueue ``method`` as ``job_id`` unless that job is already waiting in its queue."""
	from frappe.utils.background_jobs import get_job
	from rq.job import JobStatus

	if not (frappe.flags.in_test or kwargs.get("now")):
		job = get_job(job_id)
		if job and job.get_status() in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
			return None
		if job:
			job.delete()  # left "started" by a dead worker, or finished / failed: no longer in the way
	return frappe.enqueue(
		method,
		queue=queue,
		timeout=timeout,
		job_id=job_id,
		now=kwargs.pop("now", False) or frappe.flags.in_test,
		enqueue_after_commit=True,
		**kwargs,
	)
