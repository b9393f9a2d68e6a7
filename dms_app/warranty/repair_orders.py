"""Draft OEM warranty claims from a completed repair order: one claim per failure (RO job).

Hooked on Repair Order on_submit (completing an order submits it): each job with warranty
lines gets a draft claim (unless one exists) with the job's 3C text, causal part and failure
code, its warranty labour at the OEM's warranty hours, warranty parts and sublet. A job the
warranty doesn't cover (or with no OEM terms) doesn't stop the repair order: it is reported on
the order as a comment, and the claim can be raised by hand once fixed. An amended order (a
completed one cancelled to carry on the work) takes over the draft claims of the order it replaces.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

WARRANTY = "Warranty"


def on_submit_repair_order(doc, method=None):
	make_claims(doc)


def follow_amendment(doc, method=None):
	"""Repair Order after_insert: an amendment's draft claims are those of the order it replaces."""
	if doc.amended_from:
		frappe.db.sql(
			"""update `tabOEM Warranty Claim` set repair_order = %s
			where repair_order = %s and docstatus = 0""",
			(doc.name, doc.amended_from),
		)


def warranty_jobs(order) -> list[int]:
	"""Job numbers with at least one warranty line (or a warranty job), in job order."""
	jobs = {row.job_no for row in order.jobs or [] if row.pay_type == WARRANTY}
	for table in ("labour", "parts", "sublets"):
		jobs |= {
			row.job_no
			for row in order.get(table) or []
			if row.pay_type == WARRANTY and row.get("approval_status") != "Declined"
		}
	return sorted(j for j in jobs if j is not None)


def make_claims(order) -> list[str]:
	"""Draft claims for the order's unclaimed warranty jobs; returns the claims created."""
	created = []
	for job_no in warranty_jobs(order):
		if frappe.db.exists(
			"OEM Warranty Claim", {"repair_order": order.name, "job_no": job_no, "docstatus": ("<", 2)}
		):
			continue
		claim = claim_for_job(order, job_no)
		savepoint = f"wty_claim_{job_no}"
		frappe.db.savepoint(savepoint)
		try:
			# drafted by the system for whoever completes the order (a service advisor may not create claims)
			claim.insert(ignore_permissions=True)
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point=savepoint)
			frappe.clear_last_message()
			order.add_comment(
				"Comment",
				_("No warranty claim for job {0}: {1}").format(job_no, frappe.utils.strip_html(str(error))),
			)
			continue
		created.append(claim.name)
	if created:
		frappe.msgprint(
			_("Draft warranty claims created: {0}").format(", ".join(created)), alert=True, indicator="green"
		)
	return created


def claim_for_job(order, job_no: int):
	from dms_app.service.labour import flat_hours

	job = next((row for row in order.jobs or [] if row.job_no == job_no), None) or frappe._dict()
	model = frappe.db.get_value("Motor Vehicle", order.vehicle, "model")

	def lines(table):
		return [
			row
			for row in order.get(table) or []
			if row.job_no == job_no and row.pay_type == WARRANTY and row.get("approval_status") != "Declined"
		]

	parts = lines("parts")
	causal_part = job.get("causal_part") or (parts[0].item_code if parts else None)
	claim = frappe.get_doc(
		{
			"doctype": "OEM Warranty Claim",
			"company": order.company,
			"vin": order.vehicle,
			"repair_order": order.name,
			"job_no": job_no,
			"service_campaign": job.get("service_campaign"),
			"failure_date": getdate(order.opened_on or order.completed_on or nowdate()),
			"repair_completed_on": getdate(order.completed_on or nowdate()),
			"odometer": order.odometer_in or order.odometer_out or 0,
			"causal_part": causal_part,
			"failure_code": job.get("failure_code"),
			"condition": job.get("concern"),
			"cause": job.get("cause"),
			"correction": job.get("correction"),
			"labour": [
				{
					"labour_operation": row.labour_operation,
					"description": row.description,
					"warranty_hours": (
						flat_hours(row.labour_operation, model, warranty=True)
						if row.labour_operation
						else row.flat_hours
					)
					or row.flat_hours,
				}
				for row in lines("labour")
			],
			"parts": [
				{
					"item_code": row.item_code,
					"qty": row.qty,
					"is_causal_part": int(row.item_code == causal_part),
				}
				for row in parts
			],
			"sublets": [
				{"description": row.description, "supplier": row.supplier, "cost": row.cost or row.amount}
				for row in lines("sublets")
			],
		}
	)
	# The 3C text or causal part may still be missing on the job: the administrator completes the
	# draft; submission enforces them.
	claim.flags.ignore_mandatory = True
	return claim
