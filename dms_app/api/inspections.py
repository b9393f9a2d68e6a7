"""Whitelisted methods of the digital inspection (docs/inspection.md), behind the repair order's and
appointment's buttons: start the order's inspection, list a vehicle's open deferred work, add it
to a repair order in one click. Each checks the caller; the documents' own rules do the rest."""

import json

import frappe
from frappe import _

from dms_app.service import inspections


@frappe.whitelist(methods=["POST"])
def make_inspection(repair_order: str, template: str | None = None) -> str:
	"""The repair order's draft Vehicle Inspection (made from the best template when it has none)."""
	frappe.has_permission("Vehicle Inspection", "create", throw=True)
	frappe.get_doc("Repair Order", repair_order).check_permission("read")
	return inspections.make_inspection(repair_order, template).name


@frappe.whitelist()
def deferred_work(vehicle: str) -> list[dict]:
	"""The vehicle's Open deferred work, soonest due first (staff)."""
	frappe.has_permission("Deferred Work", "read", throw=True)
	frappe.get_doc("Motor Vehicle", vehicle).check_permission("read")
	return inspections.open_deferred_work(vehicle)


@frappe.whitelist(methods=["POST"])
def add_deferred_work(repair_order: str, names) -> dict:
	"""Add deferred work (names: a list or JSON list) to the order as Proposed lines."""
	if isinstance(names, str):
		names = json.loads(names) if names.startswith("[") else [names]
	if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Choose the deferred work to add."))
	order = inspections.add_deferred_work(repair_order, names)
	return {"repair_order": order.name, "proposed_lines": order.proposed_lines}
