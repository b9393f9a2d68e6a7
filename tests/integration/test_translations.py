"""Every user-facing string of the app has its Simplified Chinese translation: the first users are
Chinese 4S stores. The strings are those Frappe's own extractor finds for dms_app (doctype and field
labels and descriptions, select options, report columns, Python and JS messages,
templates); a translation may come from dms_app/translations/zh.csv or from Frappe's and ERPNext's
own files. The print formats' and the desk's strings (workspaces, number cards, charts) that the
extractor skips are added here. Terms follow docs/glossary.md."""

import json
import re
from pathlib import Path

import frappe
from frappe.translate import get_messages_for_app, get_translations_from_apps

PLACEHOLDER = re.compile(r"\{\d*\}|%s")
TEMPLATE_STRING = re.compile(r'_\("((?:[^"\\]|\\.)*)"\)')
REPORT_TEMPLATE_STRING = re.compile(r'__\("((?:[^"\\]|\\.)*)"')  # __("…", [args]) too


def app_strings() -> set[str]:
	messages = {m[1] for m in get_messages_for_app("dms_app") if m[1] and m[1].strip()}
	return messages | print_format_strings() | desk_strings()


def print_format_strings() -> set[str]:
	"""The `_("…")` / `__("…")` of the app's print formats and report print templates (a report's
	`.html`): Frappe's extractor reads neither (a report only through a doctype of the app)."""
	app = Path(frappe.get_app_path("dms_app"))
	strings = set()
	for path in app.glob("*/print_format/*/*.json"):
		strings.update(TEMPLATE_STRING.findall(json.loads(path.read_text())["html"]))
	for path in app.glob("*/report/*/*.html"):
		strings.update(REPORT_TEMPLATE_STRING.findall(path.read_text()))
	return strings


def desk_strings() -> set[str]:
	"""What the app's workspaces, number cards, dashboard charts and reports show, which Frappe's
	extractor skips (it takes reports only through a doctype of the app, and misses those on ERPNext's
	doctypes). The desk translates each with __(): titles, card and link labels, shortcuts, and a
	header block's HTML (then its text, when the HTML has no translation)."""
	modules = [frappe.unscrub(m) for m in frappe.local.app_modules["dms_app"]]
	in_app = {"module": ("in", modules)}
	strings = set(frappe.get_all("Number Card", filters=in_app, pluck="label"))
	strings.update(frappe.get_all("Dashboard Chart", filters=in_app, pluck="chart_name"))
	strings.update(frappe.get_all("Report", filters=in_app, pluck="name"))
	for name in frappe.get_all("Workspace", filters={**in_app, "public": 1}, pluck="name"):
		workspace = frappe.get_doc("Workspace", name)
		strings.add(workspace.title)
		for table in ("links", "shortcuts", "number_cards", "charts"):
			strings.update(row.label for row in workspace.get(table))
		for block in json.loads(workspace.content or "[]"):
			if block["type"] == "header":
				strings.add(block["data"]["text"])
	return {s for s in strings if s and s.strip()}


def test_every_user_facing_string_has_a_chinese_translation():
	zh = get_translations_from_apps("zh")
	missing = sorted(s for s in app_strings() if not zh.get(s))
	assert not missing, "add to dms_app/translations/zh.csv ({} strings):\n{}".format(
		len(missing), "\n".join(missing)
	)


def test_translations_keep_their_placeholders():
	zh = get_translations_from_apps("zh", apps=["dms_app"])
	broken = sorted(
		source
		for source, text in zh.items()
		if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
	)
	assert not broken, "zh.csv rows whose placeholders differ from the English:\n" + "\n".join(broken)
