"""Backups of a dealer's site on Frappe's own backup (``frappe.utils.backups``), scheduled, with retention.

What and when: DMS Settings > Backups (on, daily or weekly, how many to keep, with the files or not),
or the site config's ``dms_backups`` (a dict with the keys enabled, frequency, keep, with_files and
path), which wins over DMS Settings. The scheduler checks daily (the long queue) whether a backup is
due. Backups go to ``<site>/private/dms_backups`` (or ``path``, relative to the site), outside
Frappe's own backup folder (private/backups), whose files Frappe deletes after ``keep_backups_for_hours``
(24) whatever is kept here; after each scheduled backup all but the newest ``keep`` are deleted.

By hand: ``./dms backup [--site S] [--with-files]``; ``./dms restore FILE [--site NEW]
[--with-private-files F]`` restores into a new site (or, with --force, over an existing one).
"""

import os

import frappe
from frappe.utils import cint, now_datetime

from dms_app.dms import backup_policy

DEFAULT_FOLDER = os.path.join("private", "dms_backups")


def backup_settings() -> frappe._dict:
	settings = frappe.get_cached_doc("DMS Settings")
	values = frappe._dict(
		enabled=cint(settings.backup_enabled),
		frequency=settings.backup_frequency or "Daily",
		keep=cint(settings.backup_keep) or 7,
		with_files=cint(settings.backup_with_files),
		path=None,
	)
	values.update(frappe.conf.get("dms_backups") or {})
	return values


def backup_folder(path: str | None = None) -> str:
	folder = os.path.abspath(frappe.get_site_path(path or backup_settings().path or DEFAULT_FOLDER))
	os.makedirs(folder, exist_ok=True)
	return folder


def take_backup(with_files: bool = False, path: str | None = None) -> dict:
	"""A full backup now (database and site config; with the public and private files if asked): a
	consistent snapshot of what is committed (mariadb-dump --single-transaction). Returns the paths."""
	from frappe.utils.backups import new_backup

	backup = new_backup(ignore_files=not with_files, backup_path=backup_folder(path), force=True)
	files = {"database": backup.backup_path_db, "config": backup.backup_path_conf}
	if with_files:
		files.update(public=backup.backup_path_files, private=backup.backup_path_private_files)
	return files


def backup_now(with_files: bool = False) -> None:
	"""`./dms backup`: prints the files made."""
	for kind, path in take_backup(with_files).items():
		print(f"{kind}: {path}")


def scheduled_backup(now=None) -> dict | None:
	"""Daily: a backup when enabled and due, then the old ones beyond the number to keep deleted."""
	settings = backup_settings()
	if not cint(settings.enabled):
		return None
	folder = backup_folder(settings.path)
	last = backup_policy.latest_backup(os.listdir(folder))
	if not backup_policy.is_due(settings.frequency, last, now or now_datetime()):
		return None
	files = take_backup(cint(settings.with_files), settings.path)
	remove_old_backups(folder, cint(settings.keep))
	return files


def remove_old_backups(folder: str, keep: int) -> list[str]:
	removed = backup_policy.files_to_delete(os.listdir(folder), keep)
	for name in removed:
		os.remove(os.path.join(folder, name))
	return removed
