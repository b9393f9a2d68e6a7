"""The Dealer Financial Statement goes to the OEM: exported to CSV / Excel through Frappe's own
query-report export, and printed with its template (dealer_financial_statement.html) in English or
Chinese."""

import csv
import io
import re

import frappe
import pytest
from frappe.desk.query_report import export_query, get_script
from frappe.translate import get_all_translations
from frappe.utils import getdate, nowdate

from dms_app.dealer_accounting.report.dealer_financial_statement import dealer_financial_statement as report
from dms_app.dealer_accounting.test_dealer_financial_statement import parts_counter_sale
from dms_app.tests import factories

REPORT = "Dealer Financial Statement"
TEMPLATE_STRING = re.compile(r'__\("((?:[^"\\]|\\.)*)"')


def export(file_format_type: str) -> bytes:
	today = getdate(nowdate())
	frappe.local.form_dict = frappe._dict(
		report_name=REPORT,
		file_format_type=file_format_type,
		filters=frappe.as_json(
			{"company": factories.default_company(), "year": today.year, "month": today.month}
		),
		visible_idx="[]",
	)
	frappe.local.response = frappe._dict()
	export_query()
	return frappe.local.response


def test_csv_export_has_every_department_and_the_months_figures():
	parts_counter_sale()  # 2 x 50 at the counter
	response = export("CSV")
	assert response.type == "binary" and response.filename.endswith(".csv")
	rows = list(csv.reader(io.StringIO(response.filecontent.decode("utf-8-sig"))))
	header = rows[0]
	assert header[:4] == [
		frappe._("Department"),
		frappe._("Month Sales"),
		frappe._("Month Cost of Sales"),
		frappe._("Month Gross Profit"),
	]
	by_line = {row[0]: row for row in rows[1:] if row}
	for label in ("New Vehicles", "Used Vehicles", "F&I", "Parts", "Total Gross Profit", "Net Profit"):
		assert frappe._(label) in by_line, label
	_columns, data, *_rest = report.execute(
		{"year": getdate(nowdate()).year, "month": getdate(nowdate()).month}
	)
	parts = next(r for r in data if r.get("line") == frappe._("Parts"))
	assert float(by_line[frappe._("Parts")][1]) == round(parts["month_sales"], 2) >= 100


def test_excel_export_is_an_xlsx_workbook():
	response = export("Excel")
	assert response.filename.endswith(".xlsx")
	assert response.filecontent[:2] == b"PK"  # a zip: the xlsx container


def test_export_is_refused_to_a_user_who_may_not_export_the_ledger():
	frappe.set_user(factories.make_user(roles=("Sales User",)))
	with pytest.raises(frappe.PermissionError):
		export("CSV")


def test_the_print_template_is_served_and_its_strings_are_collected_and_translate_for_a_chinese_user():
	html = get_script(REPORT)["html_format"]
	strings = set(TEMPLATE_STRING.findall(html))
	assert {"Dealer Financial Statement", "Approved by (Dealer Principal)"} <= strings
	# tests/integration/test_translations.py collects them (report templates) and checks them too
	user = factories.make_user(roles=("Accounts User",))
	frappe.db.set_value("User", user, "language", "zh")
	frappe.set_user(user)
	lang = frappe.local.lang
	frappe.local.lang = frappe.translate.get_user_lang(user)
	try:
		assert frappe.local.lang == "zh"
		translations = get_all_translations(frappe.local.lang)  # what the desk's __() reads
		missing = sorted(s for s in strings if not translations.get(s))
		assert not missing, missing
		columns, *_rest = report.execute({})
		assert columns[1]["label"] == translations["Month Sales"] != "Month Sales"
	finally:
		frappe.local.lang = lang
