"""Labels Frappe caches for every user (the form meta's Connections) must not be translated on the server."""

from pathlib import Path

import frappe
from frappe.desk.form.meta import get_meta

APP = Path(frappe.get_app_path("dms_app"))


def dashboard_doctypes() -> list[str]:
	return [
		frappe.unscrub(path.parent.name).replace("Oem ", "OEM ").replace("Pdi ", "PDI ")
		for path in APP.glob("*/doctype/*/*_dashboard.py")
	]


def connections(doctype: str) -> list[str]:
	return [group["label"] for group in get_meta(doctype).get("__dashboard").get("transactions", [])]


def test_connections_labels_are_english_after_a_chinese_user_opened_the_form():
	doctypes = dashboard_doctypes()
	assert "Motor Vehicle" in doctypes
	lang = frappe.local.lang
	try:
		for doctype in doctypes:
			frappe.cache.hdel("doctype_form_meta", doctype)
			frappe.local.lang = "zh"  # the first user to open the form reads Chinese
			chinese_first = connections(doctype)
			frappe.local.lang = "en"
			assert connections(doctype) == chinese_first  # the cached copy is served to everyone
			for label in chinese_first:
				assert label.isascii(), f"{doctype}: '{label}' was translated on the server"
	finally:
		frappe.local.lang = lang
	# the desk's __() still shows the Chinese user their language
	assert frappe._("Service", lang="zh") == "服务"
	assert connections("Motor Vehicle") == ["Service", "Inspection"]
