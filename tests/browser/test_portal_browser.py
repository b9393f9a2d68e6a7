"""The customer portal in headless Chromium against the served demo site (`./dms up`).

Creates its own two customers, vehicles and repair orders on that site (dms_app.portal.browser_rig),
runs tests/browser/portal_flow.js (log in, see the vehicle, approve a line, watch the promised time
an advisor changes arrive without a reload, book a slot, try the other customer's records over
HTTP), and removes the data again. The advisor's change uses the Administrator login
($DMS_ADMIN_PASSWORD, default admin). Screenshots go to
$DMS_SHOTS (default /tmp/portal-shots).

Needs: node, Debian's chromium (/usr/bin/chromium or $CHROMIUM), the npm package playwright-core
(no browser download) found through $DMS_PLAYWRIGHT_NODE_PATH, ~/frappe-bench/dms-cache/node/node_modules
or /tmp/shot/node_modules — install with `npm i --prefix ~/frappe-bench/dms-cache/node playwright-core`
— and the web server on $DMS_PORTAL_URL (default http://127.0.0.1:8000, started by `./dms up`).
Skips with the reason when one is missing, unless DMS_REQUIRE_BROWSER=1.
"""

import json
import os
import secrets
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BENCH = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser()
SITE = os.environ.get("DMS_SITE", "dms.localhost")
BASE = os.environ.get("DMS_PORTAL_URL", f"http://127.0.0.1:{os.environ.get('DMS_PORT', '8000')}")
SHOTS = Path(os.environ.get("DMS_SHOTS", "/tmp/portal-shots"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NODE_PATHS = [
	os.environ.get("DMS_PLAYWRIGHT_NODE_PATH", ""),
	str(BENCH / "dms-cache" / "node" / "node_modules"),
	"/tmp/shot/node_modules",
]


def missing(reason: str):
	if os.environ.get("DMS_REQUIRE_BROWSER") == "1":
		pytest.fail(reason, pytrace=False)
	pytest.skip(reason)


def playwright_path(node: str) -> str | None:
	for candidate in filter(None, NODE_PATHS):
		probe = subprocess.run(
			[node, "-e", "require('playwright-core')"],
			env={**os.environ, "NODE_PATH": candidate},
			capture_output=True,
		)
		if probe.returncode == 0:
			return candidate
	return None


def server_up() -> bool:
	try:
		with urllib.request.urlopen(BASE + "/api/method/ping", timeout=5) as response:
			return response.status == 200
	except OSError:
		return False


def site_execute(method: str, **kwargs):
	"""Run a dms_app function on the served site through Frappe's CLI (which commits)."""
	result = subprocess.run(
		[
			str(BENCH / "env" / "bin" / "python"),
			*("-m", "frappe.utils.bench_helper", "frappe", "--site", SITE, "execute", method),
			*("--kwargs", json.dumps(kwargs)),
		],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=300,
	)
	assert result.returncode == 0, result.stderr[-3000:]
	return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def browser_env():
	node = shutil.which("node")
	if not node:
		missing("node is not installed")
	if not os.access(CHROMIUM, os.X_OK):
		missing(f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
	node_path = playwright_path(node)
	if not node_path:
		missing(
			"npm package playwright-core not found (npm i --prefix ~/frappe-bench/dms-cache/node playwright-core)"
		)
	if not (BENCH / "sites" / SITE / "site_config.json").exists():
		missing(f"no site {SITE} in {BENCH} (run ./dms up)")
	if not server_up():
		missing(f"no dms_app web server at {BASE} (run ./dms up)")
	return node, node_path


@pytest.fixture(scope="module")
def rig(browser_env, tmp_path_factory):
	tag = secrets.token_hex(3)
	data = site_execute("dms_app.portal.browser_rig.setup", tag=tag)
	path = tmp_path_factory.mktemp("portal") / "rig.json"
	path.write_text(json.dumps(data))
	try:
		yield data, path
	finally:
		site_execute("dms_app.portal.browser_rig.teardown", tag=tag)


def test_customer_portal_in_chromium(browser_env, rig):
	node, node_path = browser_env
	data, path = rig
	run = subprocess.run(
		[node, str(HERE / "portal_flow.js"), str(path), BASE, str(SHOTS)],
		env={**os.environ, "NODE_PATH": node_path},
		capture_output=True,
		text=True,
		timeout=240,
	)
	lines = run.stdout.strip().splitlines()
	seen = json.loads(lines[-1]) if lines else {}
	assert run.returncode == 0, f"{seen.get('error')}\n{run.stderr[-3000:]}"

	assert seen["vehicles"] == [data["A"]["vin"]]
	assert seen["approved_line"] == data["A"]["lines"][0]
	assert seen["promised"]["after"] != seen["promised"]["before"]  # polled, not reloaded
	assert seen["booking_message"]
	assert seen["zh_title"] == "维修进度"
	assert len(seen["screenshots"]) == 7 and all(Path(f).stat().st_size > 10_000 for f in seen["screenshots"])

	http = seen["http"]
	assert http["own_vehicle_page"] == 200
	# the neighbour's records: not found or forbidden on every door, never 200
	assert http["other_vehicle_page"] == 404
	for door in (
		"rest_vehicle_list",
		"rest_other_vehicle",
		"rest_own_vehicle",  # website users have no REST access to dealer doctypes at all
		"rest_other_ro",
		"client_get_other_ro",
		"count_other_vehicle",
		"printview_own_ro",  # prints every field, dealer costs included: the portal pages show the RO
		"printview_other_ro",
		"decide_other_ro",
		"service_decide_other_ro",
		"book_other_vehicle",
		"contact_link_other",
		"other_vehicle_page_after",
		"desk",
		"desk_vehicle",
	):
		assert http[door] in (403, 404), (door, http[door])
	for door in ("guest_my_vehicles", "guest_vehicle", "guest_api_status", "guest_rest_vehicle"):
		assert http[door] in (401, 403, 404), (door, http[door])

	# what the browser did is on the served site: the decision and the booking
	check = site_execute("dms_app.portal.browser_rig.recorded", tag=data["tag"])
	assert check["approved_by"] == data["A"]["user"] and check["decided_via"] == "Portal"
	assert check["appointments"] == 1 and check["b_untouched"]
