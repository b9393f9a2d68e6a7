"""The desk, a print and the portal in Simplified Chinese, in headless Chromium (tests/browser/zh_flow.js)
against the served site (conftest.py): screenshots of the DMS workspace, a repair order, a vehicle
deal, its deal sheet and the portal pages go to the shots folder. Fails on a JavaScript error, an
HTTP 5xx, or an English label left on the repair order or deal form."""

import json
import re
import secrets
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
# labels once left in English on a zh repair order, and the ones beside them
ENGLISH = {
	"Odometer In",
	"Service Advisor",
	"Record Customer Decision",
	"Parts",
	"Clock",
	"Labour",
	"Jobs",
	"Sublets",
	"Customer",
	"Vehicle",
	"Status",
	"Promised Time",
	"View",
	"Save",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
TIME_ZONE = re.compile(r"[A-Za-z_]+/[A-Za-z_/+-]+|UTC")


def test_desk_print_and_portal_in_chinese(browser_env, served_site, shots, tmp_path):
	node, node_path = browser_env
	tag = secrets.token_hex(3)
	data = served_site.execute("dms_app.tests.zh_browser.setup", tag=tag)
	rig = tmp_path / "rig.json"
	rig.write_text(json.dumps(data))
	try:
		run = subprocess.run(
			[node, str(HERE / "zh_flow.js"), str(rig), served_site.base, str(shots)],
			env={"NODE_PATH": node_path, "PATH": "/usr/bin:/bin"},
			capture_output=True,
			text=True,
			timeout=300,
		)
	finally:
		served_site.execute("dms_app.tests.zh_browser.teardown", tag=tag)
	lines = run.stdout.strip().splitlines()
	seen = json.loads(lines[-1]) if lines else {}
	assert run.returncode == 0, f"{seen.get('error')}\n{seen.get('errors')}\n{run.stderr[-2000:]}"
	assert not seen["errors"], seen["errors"]

	assert seen["boot_lang"] == "zh"
	# every role's workspace nests under DMS, which the desk user must see to reach them
	assert {"DMS", "服务", "整车销售"} <= set(seen["workspace_sidebar"]), seen["workspace_sidebar"]
	for form in ("repair_order_labels", "deal_labels"):
		assert seen[form] and not ENGLISH & set(seen[form]), (form, sorted(ENGLISH & set(seen[form])))
	assert {"进店里程表读数", "配件", "打卡", "登记客户决定"} <= set(seen["repair_order_labels"])
	# help texts, a Datetime field's too (Frappe appends the time zone before translating it)
	help_texts = [text for text in seen["repair_order_help"] if not TIME_ZONE.fullmatch(text)]
	assert any(text.startswith("客户的首次批准") for text in help_texts), help_texts  # customer_authorised_on
	assert all(CJK.search(text) for text in help_texts), help_texts

	# the deal's customer speaks zh: the deal sheet prints in Chinese for an English desk user
	assert data["deal_language"] == "zh" and seen["print_language"] == "zh"
	assert "车辆交易" in seen["deal_sheet"] and "Vehicle Deal" not in seen["deal_sheet"]

	# the vehicle page is titled with the vehicle (year, model, trim): data; its sections are labels
	titles = seen["portal_titles"]
	assert all(CJK.search(title) for page, title in titles.items() if page != "06-vehicle"), titles
	sections = [title for page in seen["portal_sections"].values() for title in page]
	assert "维修保养记录" in sections and all(CJK.search(title) for title in sections), sections
	assert seen["portal_titles"]["07-repair-status"] == "维修进度"
	assert len(seen["screenshots"]) == 8 and all(Path(f).stat().st_size > 10_000 for f in seen["screenshots"])
