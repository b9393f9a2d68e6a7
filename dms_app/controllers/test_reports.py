"""Every dms_app script report runs with its default filters, and builds on the shared report plumbing
(dms_app/controllers/reports.py, dms_app/public/js/dms_reports.js)."""

import ast
import re
from pathlib import Path

import frappe

APP = Path(__file__).resolve().parents[1]
REPORT_DIRS = sorted(p.parent for p in APP.glob("*/report/*/*.json"))


def test_every_script_report_runs_with_default_filters():
	modules = (APP / "modules.txt").read_text().splitlines()
	names = frappe.get_all(
		"Report",
		filters={"module": ("in", modules), "report_type": "Script Report", "is_standard": "Yes"},
		pluck="name",
	)
	assert len(names) == len(REPORT_DIRS)
	for name in names:
		result = frappe.get_doc("Report", name).execute_module({})
		columns = result[0]
		assert columns, name
		for col in columns:
			assert col.get("label") and col.get("fieldname") and col.get("fieldtype"), (name, col)


def test_reports_share_columns_filters_and_say_what_they_count():
	for folder in REPORT_DIRS:
		source = (folder / f"{folder.name}.py").read_text()
		assert ast.get_docstring(ast.parse(source)), folder.name
		# the VIN column is reports.vin(), never a dict written out again
		assert not re.search(r"""["']options["']\s*:\s*["']Motor Vehicle["']""", source), folder.name
		script = (folder / f"{folder.name}.js").read_text()
		assert "dms.reports.describe(" in script, folder.name
		assert 'fieldname: "company"' not in script, folder.name
