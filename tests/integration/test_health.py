"""The health endpoint (dms_app/api/health.py): 200 with every check true, 503 naming the one that
failed; guests may call it."""

import frappe
import pytest

from dms_app.api import health


@pytest.fixture
def conf():
	"""frappe.local.conf, restored after the test."""
	saved = dict(frappe.local.conf)
	yield frappe.local.conf
	frappe.local.conf.clear()
	frappe.local.conf.update(saved)


@pytest.fixture
def response():
	frappe.local.response.pop("http_status_code", None)
	yield frappe.local.response
	frappe.local.response.pop("http_status_code", None)


def test_guests_may_call_it_by_get():
	assert health.check in frappe.guest_methods
	assert frappe.allowed_http_methods_for_whitelisted_func[health.check] == ["GET"]


def test_the_report_checks_database_redis_queues_and_scheduler(response):
	result = health.check()
	assert (
		result["checks"]["database"] and result["checks"]["redis_cache"] and result["checks"]["redis_queue"]
	)
	assert set(result["queues"]) == {"short", "default", "long"}
	for queue in result["queues"].values():
		assert queue["jobs"] >= 0 and queue["workers"] >= 0
	# no worker on the test bench (or one of a demo): either way the status follows the checks
	assert result["ok"] == all(result["checks"].values())
	assert response.get("http_status_code") == (None if result["ok"] else 503)


def test_a_paused_scheduler_makes_it_503(conf, response):
	conf.pause_scheduler = 1
	result = health.check()
	assert result["checks"]["scheduler"] is False and result["ok"] is False
	assert response["http_status_code"] == 503


def test_an_unreachable_queue_makes_it_503(conf, response, monkeypatch):
	from frappe.utils import background_jobs

	# a Redis queue nobody listens on; the real connection comes back after the test
	monkeypatch.setattr(background_jobs, "_redis_queue_conn", None)
	conf.redis_queue = "redis://127.0.0.1:1"
	result = health.check()
	assert result["checks"]["redis_queue"] is False and result["queues"] == {}
	assert result["checks"]["workers"] is False and result["checks"]["database"] is True
	assert response["http_status_code"] == 503
