"""Every user-facing string of the app has its Simplified Chinese translation: the first users are
Chinese 4S stores. The strings are those Frappe's own extractor finds for dms_app (doctype and field
labels and descriptions, select options, report columns, workspace items, Python and JS messages,
templates); a translation may come from dms_app/translations/zh.csv or from Frappe's and ERPNext's
own files. Terms follow docs/glossary.md."""

import re

from frappe.translate import get_messages_for_app, get_translations_from_apps

PLACEHOLDER = re.compile(r"\{\d*\}|%s")


def app_strings() -> set[str]:
	return {m[1] for m in get_messages_for_app("dms_app") if m[1] and m[1].strip()}


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
