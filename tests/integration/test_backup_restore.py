"""Backups that restore: `./dms backup` of the test site, `./dms restore` into a new site, and the new
site's record counts per DMS doctype, GL balances per account and stock per warehouse equal the
source's (what is committed: a backup is another process, it never sees a test's open transaction).
Scheduled backups honour DMS Settings (or the site config) and keep the newest N."""

import os
import re
import uuid

import frappe
import pytest

from dms_app.dms import backups
from dms_app.tests.backups import dms, drop_site, fingerprint, site_fingerprint, site_python


def test_a_backup_restores_into_a_new_site_with_the_same_records_ledgers_and_files(frappe_site):
	site = frappe.local.site
	frappe.db.rollback()  # read what is committed, as the backup does
	source = fingerprint()
	assert sum(source["counts"].values()) > 0, "the test site has no DMS records to compare"
	private_files = sorted(os.listdir(frappe.get_site_path("private", "files")))

	out = dms("backup", "--site", site, "--with-files")
	paths = dict(re.findall(r"^(database|private|public|config): (\S+)$", out, re.M))
	assert set(paths) == {"database", "private", "public", "config"}, out
	target = f"restored-{uuid.uuid4().hex[:8]}.{site}"
	try:
		dms("restore", paths["database"], "--site", target, "--with-private-files", paths["private"])
		assert site_fingerprint(target) == source
		restored = frappe.get_site_path("..", target, "private", "files")
		assert sorted(os.listdir(restored)) == private_files
		# the source's encryption key came along: its stored passwords still decrypt
		key = site_python(target, "print('KEY', frappe.conf.encryption_key)")
		assert f"KEY {frappe.conf.encryption_key}" in key
	finally:
		drop_site(target)
		for path in paths.values():
			os.remove(path)
	assert not os.path.exists(frappe.get_site_path("..", target))


def test_restore_refuses_a_missing_file_and_an_existing_site_without_force(frappe_site, tmp_path):
	with pytest.raises(AssertionError, match="no backup file"):
		dms("restore", str(tmp_path / "none-database.sql.gz"), "--site", f"x.{frappe.local.site}")
	sql = tmp_path / "20260101_000000-x-database.sql.gz"
	sql.write_bytes(b"")
	with pytest.raises(AssertionError, match="add --force"):
		dms("restore", str(sql), "--site", frappe.local.site)


@pytest.fixture
def backup_config(tmp_path):
	"""The site config's dms_backups (which wins over DMS Settings), into a temp folder."""
	conf = frappe.local.conf
	before = conf.get("dms_backups")
	conf.dms_backups = {"enabled": 1, "frequency": "Daily", "keep": 2, "with_files": 0, "path": str(tmp_path)}
	yield tmp_path
	if before is None:
		conf.pop("dms_backups", None)
	else:
		conf.dms_backups = before


def test_a_scheduled_backup_keeps_the_newest_and_waits_for_its_period(frappe_site, backup_config):
	site = frappe.local.site.replace(".", "_")
	for stamp in ("20240101_020000", "20240102_020000", "20240103_020000"):
		for suffix in ("database.sql.gz", "site_config_backup.json"):
			(backup_config / f"{stamp}-{site}-{suffix}").write_text("old")
	files = backups.scheduled_backup()
	assert os.path.dirname(files["database"]) == str(backup_config)
	kept = sorted(os.listdir(backup_config))
	assert len(kept) == 4 and kept[:2] == [
		f"20240103_020000-{site}-database.sql.gz",
		f"20240103_020000-{site}-site_config_backup.json",
	]
	assert os.path.basename(files["database"]) in kept
	assert backups.scheduled_backup() is None  # the next tick the same day: not due
	frappe.local.conf.dms_backups["frequency"] = "Hourly"
	with pytest.raises(ValueError):
		backups.scheduled_backup()


def test_scheduled_backups_are_off_by_default(frappe_site, tmp_path):
	assert frappe.db.get_single_value("DMS Settings", "backup_enabled") == 0
	assert frappe.db.get_single_value("DMS Settings", "backup_keep") == 7
	assert backups.scheduled_backup() is None
	frappe.db.set_single_value("DMS Settings", {"backup_enabled": 1, "backup_frequency": "Weekly"})
	frappe.clear_document_cache("DMS Settings", "DMS Settings")
	settings = backups.backup_settings()
	assert (settings.enabled, settings.frequency, settings.keep, settings.with_files) == (1, "Weekly", 7, 1)
