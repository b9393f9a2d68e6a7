"""The Dealer Financial Statement in the desk, in headless Chromium (tests/browser/statement_flow.js)
against the served site (conftest.py): an accountant opens the report on this month, which has a
parts counter sale, customer-pay labour and an F&I product posted (dms_app.tests.statement_browser);
each department and the totals render, those departments with figures, and no error dialog shows.
The screenshot, dealer-financial-statement.png, goes to the shots folder."""

import json
import re
import secrets
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPARTMENTS = ("New Vehicles", "Used Vehicles", "F&I", "Service - Customer Pay", "Parts", "Body Shop")
MONEY = re.compile(r"\d[\d,.]*\.\d\d")


def test_the_dealer_financial_statement_renders_with_figures(browser_env, served_site, shots, tmp_path):
	node, node_path = browser_env
	tag = secrets.token_hex(3)
	data = served_site.execute("dms_app.tests.statement_browser.setup", tag=tag)
	rig = tmp_path / "rig.json"
	rig.write_text(json.dumps(data))
	try:
		run = subprocess.run(
			[node, str(HERE / "statement_flow.js"), str(rig), served_site.base, str(shots)],
			env={"NODE_PATH": node_path, "PATH": "/usr/bin:/bin"},
			capture_output=True,
			text=True,
			timeout=300,
		)
	finally:
		served_site.execute("dms_app.tests.statement_browser.teardown", tag=tag)
	lines = run.stdout.strip().splitlines()
	seen = json.loads(lines[-1]) if lines else {}
	assert run.returncode == 0, f"{seen.get('error')}\n{seen.get('errors')}\n{run.stderr[-2000:]}"
	assert not seen["errors"], seen["errors"]
	assert not seen["dialogs"], seen["dialogs"]

	assert seen["title"] == "Dealer Financial Statement"
	assert "Month Sales" in seen["columns"] and "YTD Gross Profit" in seen["columns"]
	# the datatable's first cell is the row number, then the department
	rows = {row[1]: row[2:] for row in seen["rows"] if len(row) > 2 and row[1]}
	for department in (*DEPARTMENTS, "Total Gross Profit", "Net Profit"):
		assert department in rows, (department, sorted(rows))
	for department in ("F&I", "Service - Customer Pay", "Parts", "Total Gross Profit"):
		assert MONEY.search(rows[department][0]), (department, rows[department])  # Month Sales
	assert MONEY.search(rows["Net Profit"][2]), rows["Net Profit"]  # Month Gross Profit
	assert len(seen["screenshots"]) == 1 and Path(seen["screenshots"][0]).stat().st_size > 20_000
