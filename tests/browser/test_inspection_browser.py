"""The digital inspection in headless Chromium against a served site (see conftest.py): the
technician's Vehicle Inspection form at a phone's 390x844 and the customer's /repair-status with
the inspection (colours, photo, price, approve / decline). Screenshots go to $DMS_SHOTS
(default /tmp/dms-browser-shots): inspection-technician-form.png, inspection-technician-row.png,
inspection-portal.png."""

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
	data = served_site.execute("dms_app.tests.inspection_browser.setup", tag=tag)
	path = tmp_path_factory.mktemp("inspection") / "rig.json"
	path.write_text(json.dumps(data))
	try:
		yield data, path
	finally:
		served_site.execute(
			"dms_app.tests.inspection_browser.teardown",
			tag=tag,
			customer=data["customer"],
			template=data["template"],
		)


def test_inspection_on_a_phone_and_on_the_portal(browser_env, served_site, shots, rig):
	node, node_path = browser_env
	_data, path = rig
	run = subprocess.run(
		[node, str(HERE / "inspection_flow.js"), str(path), served_site.base, str(shots)],
		env={**os.environ, "NODE_PATH": node_path},
		capture_output=True,
		text=True,
		timeout=240,
	)
	lines = run.stdout.strip().splitlines()
	seen = json.loads(lines[-1]) if lines else {}
	assert run.returncode == 0, f"{seen.get('error')}\n{run.stderr[-3000:]}"
	assert seen["form_rows"][0] == ["Front brake pads", "Amber"]  # suggested from 3.2 mm
	assert seen["phone_width"] <= 400  # no sideways scrolling on the phone
	assert seen["portal"]["items"] == ["Red", "Amber", "Green"]
	assert seen["portal"]["photo_width"] == 48 and seen["portal"]["buttons"] == 1
	assert seen["portal"]["price"]
	assert seen["private_url_status"] == 403 and seen["media_status"] == 200
	assert len(seen["screenshots"]) == 3 and all(Path(f).stat().st_size > 5_000 for f in seen["screenshots"])
