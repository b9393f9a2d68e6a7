"""The Floor Plan Audit in the desk, in headless Chromium (tests/browser/floor_plan_flow.js) against
the served site (conftest.py): an accountant opens the report on a lender with two financed vehicles
(dms_app.tests.floor_plan_browser); each row renders with its certificate location (at the bank,
pledged to the lender) and holder, the keys in the safe, one vehicle sold out of trust, and no error
dialog shows. The screenshot, floor-plan-audit.png, goes to the shots folder."""

import json
import secrets
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_floor_plan_audit_renders_with_certificate_locations(browser_env, served_site, shots, tmp_path):
	node, node_path = browser_env
	tag = secrets.token_hex(3)
	data = served_site.execute("dms_app.tests.floor_plan_browser.setup", tag=tag)
	rig = tmp_path / "rig.json"
	rig.write_text(json.dumps(data))
	try:
		run = subprocess.run(
			[node, str(HERE / "floor_plan_flow.js"), str(rig), served_site.base, str(shots)],
			env={"NODE_PATH": node_path, "PATH": "/usr/bin:/bin"},
			capture_output=True,
			text=True,
			timeout=300,
		)
	finally:
		served_site.execute(
			"dms_app.tests.floor_plan_browser.teardown",
			tag=tag,
			**{k: data[k] for k in ("vins", "line", "trim", "receipt", "invoice")},
		)
	lines = run.stdout.strip().splitlines()
	seen = json.loads(lines[-1]) if lines else {}
	assert run.returncode == 0, f"{seen.get('error')}\n{seen.get('errors')}\n{run.stderr[-2000:]}"
	assert not seen["errors"], seen["errors"]
	assert not seen["dialogs"], seen["dialogs"]

	assert seen["title"] == "Floor Plan Audit"
	for label in (
		"VIN",
		"Principal Outstanding",
		"Certificate Location",
		"Certificate Holder",
		"Keys Location",
	):
		assert label in seen["columns"], (label, seen["columns"])
	by_vin = {row["vin"]: row for row in seen["data"]}
	assert set(by_vin) == set(data["vins"])
	for vin in data["vins"]:
		row = by_vin[vin]
		assert (row["certificate_location"], row["certificate_holder"]) == ("Bank", data["lender"])
		assert row["outstanding_principal"] == 24500
	assert by_vin[data["vins"][0]]["keys_location"] == "Safe"
	assert by_vin[data["vins"][1]]["out_of_trust"] == 1
	# what the screen shows: each VIN's row with the bank and the lender
	rendered = [" ".join(row) for row in seen["rows"]]
	for vin in data["vins"]:
		assert any(vin in row and "Bank" in row and data["lender"] in row for row in rendered), rendered
	assert len(seen["screenshots"]) == 1 and Path(seen["screenshots"][0]).stat().st_size > 20_000
