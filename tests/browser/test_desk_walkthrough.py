"""The daily flow through the desk's screens in headless Chromium (tests/browser/desk_flows.js): a
salesperson's deal from VIN to invoice with a manager's approval, and an advisor's booking from the
workshop calendar to a repair order completed (submitted) and invoiced, with a technician clocked.
Each fails on a JavaScript error or an HTTP 5xx; screenshots go to the shots folder (conftest.py)."""

import json
import secrets
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def walk(flow, browser_env, served_site, shots, tmp_path, **extra):
	node, node_path = browser_env
	tag = secrets.token_hex(3)
	data = {**served_site.execute(f"dms_app.tests.walkthrough.setup_{flow}", tag=tag), **extra}
	rig = tmp_path / "rig.json"
	rig.write_text(json.dumps(data))
	try:
		run = subprocess.run(
			[node, str(HERE / "desk_flows.js"), flow, str(rig), served_site.base, str(shots)],
			env={"NODE_PATH": node_path, "PATH": "/usr/bin:/bin"},
			capture_output=True,
			text=True,
			timeout=420,
		)
		lines = run.stdout.strip().splitlines()
		seen = json.loads(lines[-1]) if lines else {}
		assert run.returncode == 0, (
			f"{seen.get('errors')}\n{seen.get('error')}\n{seen.get('debug')}\n{run.stderr[-2000:]}"
		)
		return seen, served_site.execute(
			f"dms_app.tests.walkthrough.recorded_{flow}", tag=tag, vin=data["vin"]
		)
	finally:
		served_site.execute("dms_app.tests.walkthrough.teardown", tag=tag, vins=[data["vin"]])


def test_salesperson_deal_from_vin_to_invoice(browser_env, served_site, shots, tmp_path):
	seen, recorded = walk("sales", browser_env, served_site, shots, tmp_path)
	assert seen["filled"]["trim"] and seen["filled"]["price"] == 30000
	assert seen["filled"]["taxes_and_charges"], "the company's default sales taxes"
	assert seen["discount_banners"] == 1
	assert seen["invoiced_deal"]["status"] == "Invoiced"
	assert not {"Deposit Payment", "Reopen"} & set(seen["invoiced_deal"]["buttons"]), seen["invoiced_deal"]
	assert seen["quotation_taxes"] > 0
	assert recorded["invoice_docstatus"] == 1 and recorded["invoice_taxes"] > 0
	assert recorded["vehicle_status"] == "Sold"


def test_advisor_books_from_the_calendar_and_completes_a_repair_order(
	browser_env, served_site, shots, tmp_path
):
	from datetime import date, timedelta

	day = date.today() + timedelta(days=7)
	seen, recorded = walk("service", browser_env, served_site, shots, tmp_path, day=str(day))
	assert seen["completed"] == {"docstatus": 1, "state": "Completed"}  # completing submits the order
	# reopened as Cancel + Amend: the amendment is in progress again, then completed and invoiced
	assert seen["amended"]["status"] == seen["amended"]["state"] == "In Progress"
	assert seen["invoiced"]["status"] == "Invoiced" and seen["invoiced"]["sales_invoice"]
	orders = {order["docstatus"]: order for order in recorded["orders"]}
	assert orders[2]["status"] == "Cancelled" and orders[1]["name"] == seen["amended"]["name"]
	assert orders[1]["status"] == "Invoiced" and recorded["invoices"] == [1]
	assert orders[1]["service_appointment"] == seen["appointment"]
	assert recorded["time_logs"] == 1 and recorded["amended_logs"] == 1
	assert [a["status"] for a in recorded["appointments"]] == ["Completed"]
