"""Production mode in headless Chromium (tests/browser/realtime_flow.js): the stack `./dms up --production`
runs (Frappe's realtime server, gunicorn, deploy/proxy.js in front; dms_app.tests.http.serve_production),
started on free ports of its own and stopped afterwards. A desk user's page connects to socket.io with no
socket.io error in the console, and progress the server publishes for the user arrives. The health
endpoint answers without a login. DMS_PORTAL_URL (with DMS_SITE) points it at a running
`./dms up --production` instead."""

import json
import os
import secrets
import subprocess
from pathlib import Path

import pytest
import requests

from dms_app.tests import http

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def production(browser_env, shots):
	"""(site, base URL) of the production stack."""
	if url := os.environ.get("DMS_PORTAL_URL"):
		yield os.environ.get("DMS_SITE", "dms.localhost"), url
		return
	site = os.environ.get("DMS_TEST_SITE", "test.dms.localhost")
	if not (http.BENCH / "sites" / site / "site_config.json").exists():
		pytest.skip(f"no site {site} in {http.BENCH} (./dms test makes it)")
	with http.serve_production(site, str(shots)) as base:
		yield site, base


def execute(site: str, method: str, **kwargs):
	result = subprocess.run(
		[
			str(http.BENCH / "env" / "bin" / "python"),
			*("-m", "frappe.utils.bench_helper", "frappe", "--site", site, "execute", method),
			*("--kwargs", json.dumps(kwargs)),
		],
		cwd=http.BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=300,
	)
	assert result.returncode == 0, result.stderr[-3000:]
	return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_desk_connects_to_realtime_and_progress_arrives(browser_env, production, shots, tmp_path):
	node, node_path = browser_env
	site, base = production
	tag = secrets.token_hex(3)
	rig = tmp_path / "rig.json"
	rig.write_text(json.dumps(execute(site, "dms_app.tests.realtime.setup", tag=tag)))
	try:
		flow = subprocess.Popen(
			[node, str(HERE / "realtime_flow.js"), str(rig), base, str(shots)],
			env={"NODE_PATH": node_path, "PATH": "/usr/bin:/bin"},
			stdout=subprocess.PIPE,
			stderr=subprocess.PIPE,
			text=True,
		)
		lines = []
		for line in flow.stdout:
			lines.append(line.strip())
			if line.strip() == "ready":
				assert execute(site, "dms_app.tests.realtime.publish", tag=tag) == {"sent": [0, 2, 4]}
				break
		out, err = flow.communicate(timeout=120)
		lines += out.strip().splitlines()
	finally:
		execute(site, "dms_app.tests.realtime.teardown", tag=tag)
	seen = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
	assert flow.returncode == 0, f"{seen.get('error')}\n{seen}\n{err[-2000:]}"
	assert not seen["errors"], seen["errors"]
	assert not seen["socket_console"], seen["socket_console"]
	assert seen["socket_id"]
	title = f"Realtime check {tag}"
	assert [(p["percent"], p["description"]) for p in seen["progress"] if p["title"] == title] == [
		(0, "0 of 4"),
		(50, "2 of 4"),
		(100, "4 of 4"),
	]


def test_health_answers_without_login(production):
	_site, base = production
	response = requests.get(f"{base}/api/method/dms_app.api.health.check", timeout=30)
	assert response.status_code in (200, 503), response.text[:500]
	body = response.json()["message"]
	assert body["checks"]["database"] and body["checks"]["redis_cache"] and body["checks"]["redis_queue"]
	assert set(body["queues"]) == {"short", "default", "long"}
	assert response.status_code == (200 if body["ok"] else 503)
