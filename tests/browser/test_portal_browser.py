"""The customer portal in headless Chromium against a served site (see conftest.py).

Creates its own two customers, vehicles and repair orders on that site (dms_app.tests.portal_browser),
runs tests/browser/portal_flow.js (log in, see the vehicle, approve a line, watch the promised time
an advisor changes arrive without a reload, book a slot, try the other customer's records over
HTTP), and removes the data again. The advisor's change uses the Administrator login
($DMS_ADMIN_PASSWORD, default admin). Screenshots go to $DMS_SHOTS (default /tmp/dms-browser-shots).
"""

import json
import os
import secrets
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def rig(served_site, tmp_path_factory):
	tag = secrets.token_hex(3)
	data = served_site.execute("dms_app.tests.portal_browser.setup", tag=tag)
	path = tmp_path_factory.mktemp("portal") / "rig.json"
	path.write_text(json.dumps(data))
	try:
		yield data, path
	finally:
		served_site.execute("dms_app.tests.portal_browser.teardown", tag=tag)


def test_customer_portal_in_chromium(browser_env, served_site, shots, rig):
	node, node_path = browser_env
	data, path = rig
	run = subprocess.run(
		[node, str(HERE / "portal_flow.js"), str(path), served_site.base, str(shots)],
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
	check = served_site.execute("dms_app.tests.portal_browser.recorded", tag=data["tag"])
	assert check["approved_by"] == data["A"]["user"] and check["decided_via"] == "Portal"
	assert check["appointments"] == 1 and check["b_untouched"]
