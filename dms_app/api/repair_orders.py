"""Whitelisted methods for repair orders: customer decisions (desk and portal), clocking, parts and
invoicing, and opening one from an appointment: each behind a desk button (completing alone is the
workflow's Complete action).
Each checks who is calling; the documents' own rules do the rest."""

import json

import frappe
from frappe import _
from frappe.utils import now_datetime

from dms_app.portal.customer import customers_for_user
from dms_app.service import parts, repair_orders, time_logs

DECISIONS = ("Approved", "Declined")


@frappe.whitelist(methods=["POST"])
def decide_lines(repair_order: str, decisions) -> dict:
	"""Record the customer's decision on Proposed lines.

	`decisions`: {row name: "Approved" | "Declined"} or [{"row": ..., "decision": ...}] (JSON or
	objects). A desk user needs write access to the repair order; a website user must be a contact
	of the repair order's customer (decided_via Portal)."""
	user = frappe.session.user
	if user == "Guest":
		frappe.throw(_("Log in to decide on repair work."), frappe.PermissionError)
	if not frappe.db.exists("Repair Order", repair_order):
		frappe.throw(_("Repair order {0} not found.").format(repair_order), frappe.DoesNotExistError)
	doc = frappe.get_doc("Repair Order", repair_order)
	if frappe.db.get_value("User", user, "user_type") == "Website User":
		if doc.customer not in customers_for_user(user):  # the same answer as for an unknown order
			frappe.throw(_("Repair order {0} not found.").format(repair_order), frappe.DoesNotExistError)
		via = "Portal"
	else:
		doc.check_permission("write")
		via = "Desk"
	if doc.status not in repair_orders.WORKING:
		frappe.throw(_("Repair order {0} is {1}: decisions are closed.").format(doc.name, _(doc.status)))
	decisions = parse_decisions(decisions)
	rows = {row.name: row for _t, row in repair_orders.lines(doc, include_declined=True)}
	errors = []
	for name, decision in decisions.items():
		row = rows.get(name)
		if not row:
			errors.append(_("Line {0} is not on repair order {1}.").format(name, doc.name))
		elif decision not in DECISIONS:
			errors.append(_("Line {0}: decide Approved or Declined, not {1}.").format(row.idx, decision))
		elif row.approval_status != "Proposed":
			errors.append(_("Line {0} is already {1}.").format(row.idx, _(row.approval_status)))
	if errors:
		frappe.throw("<br>".join(errors), title=_("Decisions not recorded"))
	now = now_datetime()
	for name, decision in decisions.items():
		repair_orders.mark(rows[name], decision, user, now, via)
	doc.flags.deciding_lines = True
	doc.flags.ignore_permissions = True  # checked above; a website user has no write on the order
	doc.save()
	return {
		"repair_order": doc.name,
		"status": doc.status,
		"proposed": len(repair_orders.proposed_lines(doc)),
		"decided_via": via,
	}


def parse_decisions(decisions) -> dict:
	if isinstance(decisions, str):
		decisions = json.loads(decisions)
	if isinstance(decisions, list):
		decisions = {d.get("row") or d.get("name"): d.get("decision") for d in decisions}
	if not isinstance(decisions, dict) or not decisions:
		frappe.throw(_("Give at least one decision."))
	return decisions


@frappe.whitelist(methods=["POST"])
def clock_on(repair_order: str, labour_row: str, employee: str | None = None) -> str:
	return time_logs.clock_on(repair_order, labour_row, employee)


@frappe.whitelist(methods=["POST"])
def clock_off(employee: str | None = None, repair_order: str | None = None) -> str:
	return time_logs.clock_off(employee, repair_order=repair_order)


@frappe.whitelist(methods=["POST"])
def issue_parts(repair_order: str, rows=None) -> str:
	if isinstance(rows, str):
		rows = json.loads(rows)
	return parts.issue(repair_order, rows)


@frappe.whitelist(methods=["POST"])
def return_parts(repair_order: str, row: str, qty: float) -> str:
	return parts.return_to_store(repair_order, row, qty)


@frappe.whitelist(methods=["POST"])
def make_invoice(repair_order: str) -> str:
	return repair_orders.move_to(repair_order, repair_orders.INVOICED).sales_invoice


@frappe.whitelist(methods=["POST"])
def complete_and_invoice(repair_order: str) -> str | None:
	"""The form's Complete and Invoice (the customer collects and pays): one save when the user's
	workflow lets them invoice from completion (repair_orders.complete)."""
	return repair_orders.complete(repair_order).sales_invoice


@frappe.whitelist(methods=["POST"])
def complete_and_invoice_many(names) -> int:
	"""The list's Complete and Invoice for the selected orders, in the background (each order in its
	own transaction, the user told at the end). Refused at once for an order the user's workflow
	roles can't complete."""
	if isinstance(names, str):
		names = json.loads(names)
	if not names or not isinstance(names, list):
		frappe.throw(_("Select the repair orders to complete and invoice."))
	for name in names:
		doc = frappe.get_doc("Repair Order", name)
		if not repair_orders.workflow_path(doc, repair_orders.COMPLETED, conditions=False):
			frappe.throw(
				_("You cannot complete repair order {0} ({1}).").format(name, _(doc.status)),
				frappe.PermissionError,
			)
	frappe.enqueue(
		"dms_app.service.invoicing.complete_many",
		queue="long",
		names=names,
		user=frappe.session.user,
		commit=True,
		enqueue_after_commit=True,
	)
	return len(names)


@frappe.whitelist()
def make_repair_order(source_name: str, target_doc=None):
	"""Open a repair order from a service appointment: one job per requested work row, with its
	labour operation as a labour line (hours and rate come from the operation when saved)."""
	from frappe.model.mapper import get_mapped_doc

	frappe.get_doc("Service Appointment", source_name).check_permission("read")
	existing = frappe.db.get_value("Service Appointment", source_name, "repair_order")
	abandoned = (repair_orders.VOIDED, repair_orders.CANCELLED)
	if existing and frappe.db.exists("Repair Order", {"name": existing, "status": ("not in", abandoned)}):
		frappe.throw(_("Appointment {0} already has repair order {1}.").format(source_name, existing))

	def add_jobs(source, target):
		target.jobs, target.labour = [], []
		for job_no, row in enumerate(source.work, start=1):
			concern = row.description or frappe.db.get_value(
				"Labour Operation", row.labour_operation, "description"
			)
			target.append("jobs", {"job_no": job_no, "concern": concern, "pay_type": "Customer"})
			if row.labour_operation:
				target.append("labour", {"job_no": job_no, "labour_operation": row.labour_operation})
		if not target.jobs:
			target.append(
				"jobs", {"job_no": 1, "concern": source.notes or _("Service"), "pay_type": "Customer"}
			)

	return get_mapped_doc(
		"Service Appointment",
		source_name,
		{
			"Service Appointment": {
				"doctype": "Repair Order",
				"field_map": {"name": "service_appointment", "mileage": "odometer_in"},
				"field_no_map": ["status", "repair_order", "notes"],
			}
		},
		target_doc,
		add_jobs,
	)
