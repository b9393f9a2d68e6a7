"""Health endpoint for a load balancer or a monitor: GET /api/method/dms_app.api.health.check, no login.

200 when this site's database, Redis cache and Redis queue answer, the scheduler is enabled and
alive, and every queue (short, default, long) has a worker; 503 otherwise. The body says which check
failed and how long each queue is. Workers register in the shared Redis, so an app server sees the
workers on other machines; the scheduler counts as alive when it holds its lock on this bench or
enqueued a scheduled job within the last ten minutes (it does so every four), so the check is true on
app servers where the scheduler runs elsewhere too."""

import frappe
from frappe.utils import add_to_date, now_datetime

QUEUES = ("short", "default", "long")
SCHEDULER_SILENCE_MINUTES = 10


def _probe(function):
	try:
		return bool(function())
	except Exception:
		return False


def _database() -> bool:
	return frappe.db.sql("select 1")[0][0] == 1


def _cache() -> bool:
	return frappe.cache.ping()


def _queue() -> bool:
	from frappe.utils.background_jobs import get_redis_conn

	return get_redis_conn().ping()


def scheduler_alive() -> bool:
	from frappe.utils.scheduler import is_schduler_process_running, is_scheduler_inactive

	if is_scheduler_inactive(verbose=False):
		return False
	if is_schduler_process_running():
		return True
	since = add_to_date(now_datetime(), minutes=-SCHEDULER_SILENCE_MINUTES)
	return bool(frappe.db.exists("Scheduled Job Type", {"last_execution": (">=", since)}))


def queues() -> dict:
	"""{queue: {"jobs": waiting jobs, "workers": workers listening}} for short, default and long."""
	from frappe.utils.background_jobs import get_queue, get_workers

	found = {}
	for name in QUEUES:
		queue = get_queue(name)
		found[name] = {"jobs": queue.count, "workers": len(get_workers(queue))}
	return found


def report() -> dict:
	checks = {"database": _probe(_database), "redis_cache": _probe(_cache), "redis_queue": _probe(_queue)}
	lengths = {}
	if checks["redis_queue"]:
		try:
			lengths = queues()
		except Exception:
			checks["redis_queue"] = False
	checks["scheduler"] = checks["database"] and _probe(scheduler_alive)
	checks["workers"] = bool(lengths) and all(q["workers"] for q in lengths.values())
	return {"ok": all(checks.values()), "checks": checks, "queues": lengths}


@frappe.whitelist(allow_guest=True, methods=["GET"])
def check() -> dict:
	"""The report; HTTP 503 when a check fails."""
	result = report()
	if not result["ok"]:
		frappe.local.response["http_status_code"] = 503
	return result
