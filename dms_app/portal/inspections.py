"""The inspection a customer sees on /repair-status: the completed Vehicle Inspection of their own
open repair order, its colours, notes, photos and videos, and each recommendation's lines (priced,
approved or declined through the existing decision recording).

Photos and videos are private Files of the inspection: Frappe's /private/files URL answers only
staff (read permission on Vehicle Inspection). The customer gets them through `media_file`, which
checks that the file belongs to a row of a completed inspection of their own repair order."""

import frappe
from frappe.utils import quote

from dms_app.portal.queries import not_found
from dms_app.service.inspection_rules import needs_work

MEDIA_METHOD = "/api/method/dms_app.api.portal.inspection_media?file="


def for_order(ro: dict) -> dict | None:
	"""The completed inspection of `ro` (a portal row with its `lines`), or None. Its
	recommendation lines are taken out of ro.lines (shown with their item instead)."""
	name = frappe.db.get_value("Vehicle Inspection", {"repair_order": ro.name, "docstatus": 1})
	if not name:
		return None
	inspection = frappe.get_doc("Vehicle Inspection", name)
	media = media_files(inspection)
	by_name = {line.name: line for line in ro.lines}
	recommended = linked_lines(ro.name)
	items, shown = [], set()
	for row in inspection.items:
		lines = [by_name[n] for n in recommended.get(row.name, []) if n in by_name]
		shown.update(line.name for line in lines)
		items.append(
			frappe._dict(
				name=row.name,
				category=row.category,
				check_item=row.check_item,
				rating=row.rating,
				reading=row.reading,
				unit=row.unit,
				note=row.note,
				photo=media.get(row.photo),
				video=media.get(row.video),
				needs_work=needs_work(row.rating),
				lines=lines,
				total=sum(line.amount or 0 for line in lines if line.pay_type == "Customer"),
			)
		)
	ro.lines = [line for line in ro.lines if line.name not in shown]
	return frappe._dict(name=inspection.name, completed_on=inspection.completed_on, checks=items)


def linked_lines(repair_order: str) -> dict[str, list[str]]:
	found = {}
	for doctype in ("Repair Order Labour", "Repair Order Part"):
		for line in frappe.get_all(
			doctype,
			filters={"parent": repair_order, "parenttype": "Repair Order", "inspection_item": ("is", "set")},
			fields=["name", "inspection_item"],
			order_by="idx",
		):
			found.setdefault(line.inspection_item, []).append(line.name)
	return found


def media_files(inspection) -> dict[str, str]:
	"""{file_url: the portal's URL for it} for the inspection's photos and videos."""
	urls = {u for row in inspection.items for u in (row.photo, row.video) if u}
	if not urls:
		return {}
	files = frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": "Vehicle Inspection",
			"attached_to_name": inspection.name,
			"file_url": ("in", list(urls)),
		},
		fields=["name", "file_url"],
	)
	return {f.file_url: MEDIA_METHOD + quote(f.name) for f in files}


def media_file(file: str, customers: list[str]):
	"""The File `file` if it is a photo or video of a row of a completed inspection of one of the
	customers' repair orders; else the same 404 as a file that does not exist."""
	row = frappe.db.get_value(
		"File",
		file,
		["name", "file_url", "file_name", "attached_to_doctype", "attached_to_name"],
		as_dict=True,
	)
	if not row or row.attached_to_doctype != "Vehicle Inspection" or not customers:
		not_found("File", file)
	inspection = frappe.db.get_value(
		"Vehicle Inspection",
		{"name": row.attached_to_name, "docstatus": 1, "customer": ("in", customers)},
		"name",
	)
	used = inspection and frappe.get_all(
		"Vehicle Inspection Item",
		filters={"parent": inspection, "parenttype": "Vehicle Inspection"},
		or_filters={"photo": row.file_url, "video": row.file_url},
		limit=1,
	)
	if not used:
		not_found("File", file)
	return frappe.get_doc("File", row.name)
