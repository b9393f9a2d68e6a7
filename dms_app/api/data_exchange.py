"""Whitelisted methods of the dealer's data export (DMS Settings > Export all DMS data) and the
migration import (DMS Data Migration's Dry Run and Run buttons)."""

import frappe
from frappe import _
from frappe.utils.background_jobs import is_job_enqueued

from dms_app.data_exchange import export


@frappe.whitelist(methods=["POST"])
def export_all_data() -> dict:
	"""Queue the full export on the long queue; the zip is attached to DMS Settings when ready."""
	export.check_export_permission()
	job_id = f"dms_export::{frappe.local.site}"
	if is_job_enqueued(job_id):
		frappe.throw(_("An export is already running; its file will be attached to DMS Settings"))
	frappe.enqueue(
		"dms_app.data_exchange.export.run_export",
		queue="long",
		timeout=4 * 3600,
		job_id=job_id,
		deduplicate=True,
		enqueue_after_commit=True,
		user=frappe.session.user,
	)
	return {"queued": True}


def _migration(name: str):
	from dms_app.data_exchange.migration import check_permission

	check_permission()
	doc = frappe.get_doc("DMS Data Migration", name)
	doc.check_permission("write")
	return doc


def _enqueue_migration(doc, dry_run: bool) -> dict:
	job_id = f"dms_migration::{doc.name}"
	if is_job_enqueued(job_id):
		frappe.throw(_("This migration is already running"))
	frappe.enqueue(
		"dms_app.dms.doctype.dms_data_migration.dms_data_migration.execute_job",
		queue="long",
		timeout=4 * 3600,
		job_id=job_id,
		deduplicate=True,
		enqueue_after_commit=True,
		migration_name=doc.name,
		dry_run=dry_run,
	)
	doc.db_set("status", "Queued")
	return {"queued": True}


@frappe.whitelist(methods=["POST"])
def dry_run_migration(migration: str) -> dict:
	"""Check every row of the migration's file: the rows that would fail are listed, nothing is
	written (large files on the long queue)."""
	from dms_app.dms.doctype.dms_data_migration.dms_data_migration import SYNC_DRY_RUN_BYTES, execute

	doc = _migration(migration)
	size = frappe.db.get_value("File", {"file_url": doc.import_file}, "file_size") or 0
	if size > SYNC_DRY_RUN_BYTES:
		return _enqueue_migration(doc, dry_run=True)
	doc = execute(doc.name, dry_run=True)
	return {"queued": False, "status": doc.status, "errors": len(doc.errors)}


@frappe.whitelist(methods=["POST"])
def run_migration(migration: str) -> dict:
	"""Import the migration's file on the long queue (progress on the form, a message when done)."""
	return _enqueue_migration(_migration(migration), dry_run=False)
