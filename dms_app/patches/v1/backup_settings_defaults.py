"""DMS Settings > Backups came later: give existing sites its DocField defaults (backups off)."""

import frappe

FIELDS = ("backup_enabled", "backup_frequency", "backup_keep", "backup_with_files")


def execute():
	meta = frappe.get_meta("DMS Settings")
	for field in FIELDS:
		stored = frappe.db.sql(
			"select 1 from `tabSingles` where doctype = 'DMS Settings' and field = %s", field
		)
		if not stored:
			frappe.db.set_single_value("DMS Settings", field, meta.get_field(field).default)
