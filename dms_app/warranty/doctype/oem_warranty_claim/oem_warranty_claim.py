"""OEM Warranty Claim: the dealer's claim to the manufacturer for one repaired failure.

Not ERPNext's Warranty Claim (a customer's complaint), which it may link to. Its status is the
milestone the code owns (dms_app/warranty/lifecycle.py), moved by the admin's "OEM Warranty Claim"
Workflow or by the OEM's response file; this controller checks what each milestone needs, and the
lifecycle books the ledger (dms_app/warranty/accounting.py).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from dms_app.controllers import lifecycle
from dms_app.warranty import accounting
from dms_app.warranty.coverage import cover_for_group
from dms_app.warranty.policies import vehicle_covers
from dms_app.warranty.rules import (
	FINAL_STATES,
	line_amount,
	money,
	reimbursement_rate,
	submission_deadline,
)

# What the ledger was booked from once a claim is Credited or Written Off.
SETTLED_FIELDS = (
	"accepted_amount",
	"rejection_reason",
	"credit_reference",
	"credit_date",
	"credited_amount",
	"written_off_amount",
)


class OEMWarrantyClaim(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.warranty.doctype.oem_warranty_claim_labour.oem_warranty_claim_labour import (
			OEMWarrantyClaimLabour,
		)
		from dms_app.warranty.doctype.oem_warranty_claim_part.oem_warranty_claim_part import (
			OEMWarrantyClaimPart,
		)
		from dms_app.warranty.doctype.oem_warranty_claim_response.oem_warranty_claim_response import (
			OEMWarrantyClaimResponse,
		)
		from dms_app.warranty.doctype.oem_warranty_claim_sublet.oem_warranty_claim_sublet import (
			OEMWarrantyClaimSublet,
		)

		accepted_amount: DF.Currency
		amended_from: DF.Link | None
		causal_part: DF.Link
		cause: DF.SmallText
		claimed_amount: DF.Currency
		company: DF.Link
		component_group: DF.Literal[
			"",
			"Basic",
			"Powertrain",
			"Corrosion",
			"EV Battery",
			"Hybrid System",
			"Emissions",
			"Roadside Assistance",
			"Other",
		]
		condition: DF.SmallText
		correction: DF.SmallText
		credit_date: DF.Date | None
		credit_reference: DF.Data | None
		credited_amount: DF.Currency
		currency: DF.Link | None
		customer_complaint: DF.Link | None
		defect_code: DF.Data | None
		failure_code: DF.Data | None
		failure_date: DF.Date
		job_no: DF.Int
		labour: DF.Table[OEMWarrantyClaimLabour]
		labour_hours: DF.Float
		labour_total: DF.Currency
		make: DF.Link | None
		model: DF.Link | None
		naming_series: DF.Literal["WTY-.YYYY.-"]
		odometer: DF.Int
		odometer_unit: DF.Literal["km", "mi"]
		oem_customer: DF.Link
		oem_reference: DF.Data | None
		part_retained: DF.Check
		parts: DF.Table[OEMWarrantyClaimPart]
		parts_total: DF.Currency
		payment_entry: DF.Link | None
		policy_expires_on: DF.Date | None
		rejection_reason: DF.Link | None
		repair_completed_on: DF.Date
		repair_order: DF.Link | None
		response_date: DF.Date | None
		response_notes: DF.SmallText | None
		responses: DF.Table[OEMWarrantyClaimResponse]
		resubmission_count: DF.Int
		sales_invoice: DF.Link | None
		service_campaign: DF.Link | None
		status: DF.Literal[
			"Draft",
			"Submitted",
			"Accepted",
			"Partially Accepted",
			"Rejected",
			"Resubmitted",
			"Credited",
			"Written Off",
			"Cancelled",
		]
		sublet_total: DF.Currency
		sublets: DF.Table[OEMWarrantyClaimSublet]
		submission_deadline: DF.Date | None
		submitted_on: DF.Date | None
		vin: DF.Link
		warranty_policy: DF.Link | None
		warranty_start_date: DF.Date | None
		workflow_state: DF.Link | None
		write_off_entry: DF.Link | None
		written_off_amount: DF.Currency

	# end: auto-generated types
	def onload(self):
		lifecycle.set_onload_problems(self)

	def validate(self):
		lifecycle.validate(self)
		terms = self.oem_terms()
		self.oem_customer = self.oem_customer or terms.oem_customer
		self.currency = frappe.get_cached_value("Company", self.company, "default_currency")
		self.validate_dates()
		self.set_line_prices(terms)
		self.calculate_totals()
		self.set_coverage()
		self.submission_deadline = submission_deadline(
			getdate(self.repair_completed_on), terms.submission_window_days
		)
		self.validate_not_claimed_twice()

	def before_submit(self):
		lifecycle.check_through_workflow(self, 1)
		if money(self.claimed_amount) <= 0:
			frappe.throw(_("Claim {0} has nothing to claim: add labour, parts or sublet").format(self.name))
		if getdate(nowdate()) > getdate(self.submission_deadline):
			frappe.throw(
				_("Claim {0} is past the OEM's submission deadline of {1} (repair completed on {2})").format(
					self.name,
					frappe.format(self.submission_deadline, "Date"),
					frappe.format(self.repair_completed_on, "Date"),
				),
				title=_("Submission Window Closed"),
			)
		self.status = "Submitted"  # whichever state the workflow submitted it into
		self.submitted_on = nowdate()

	def on_update(self):
		lifecycle.reconcile(self)

	def on_submit(self):
		self.db_set("sales_invoice", accounting.make_claim_invoice(self))
		lifecycle.reconcile(self)

	def before_update_after_submit(self):
		lifecycle.validate(self)
		self.validate_settled_unchanged()
		if money(self.accepted_amount) > money(self.claimed_amount):
			frappe.throw(
				_("Accepted amount {0} is above the claimed amount {1}").format(
					self.accepted_amount, self.claimed_amount
				)
			)
		if self.has_value_changed("status"):
			self.enter(self.status)

	def on_update_after_submit(self):
		lifecycle.reconcile(self)  # books the credit and write-off once, at their milestones

	def before_cancel(self):
		lifecycle.check_through_workflow(self, 2)

	def on_cancel(self):
		self.db_set("status", "Cancelled")
		lifecycle.reconcile(self)  # undoes the write-off and credit, newest first
		accounting.cancel_claim_invoice(self)

	def validate_settled_unchanged(self):
		"""A credited or written-off claim is booked: its amounts and OEM answer can't be edited
		afterwards, or the claim would no longer match its Payment Entry and write-off."""
		before = self.get_doc_before_save()
		if not before or self.status not in FINAL_STATES or before.status != self.status:
			return

		def differs(field) -> bool:  # as stored: a form sends "" for None and strings for dates
			old, new = before.get(field), self.get(field)
			fieldtype = self.meta.get_field(field).fieldtype
			if fieldtype == "Currency":
				return money(old) != money(new)
			if fieldtype == "Date":
				return (getdate(old) if old else None) != (getdate(new) if new else None)
			return (old or "") != (new or "")

		changed = [field for field in SETTLED_FIELDS if differs(field)]
		if changed:
			frappe.throw(
				_(
					"Claim {0} is {1} and booked: {2} can no longer be changed (cancel and amend it instead)"
				).format(
					self.name, _(self.status), ", ".join(_(self.meta.get_label(field)) for field in changed)
				),
				title=_("Claim Settled"),
			)

	# --- what each milestone needs ---------------------------------------------------------

	def enter(self, milestone: str):
		"""Check and fill what the claim needs on reaching a milestone after submission, however it
		got there: a workflow action (whatever its states are called) or the OEM's response file."""
		{
			"Accepted": self.enter_accepted,
			"Partially Accepted": self.enter_partially_accepted,
			"Rejected": self.enter_rejected,
			"Resubmitted": self.enter_resubmitted,
			"Credited": self.enter_credited,
			"Written Off": self.enter_written_off,
		}[milestone]()

	def enter_accepted(self):
		self.accepted_amount = self.claimed_amount
		self.log_response()

	def enter_partially_accepted(self):
		if not 0 < money(self.accepted_amount) < money(self.claimed_amount):
			frappe.throw(
				_("Partially Accepted needs an accepted amount above zero and below the claimed {0}").format(
					self.claimed_amount
				)
			)
		self.require_reason()
		self.log_response()

	def enter_rejected(self):
		self.require_reason()
		self.accepted_amount = 0
		self.log_response()

	def enter_resubmitted(self):
		self.resubmission_count = (self.resubmission_count or 0) + 1
		self.submitted_on = nowdate()
		self.log_response(status="Resubmitted")
		for field in ("accepted_amount", "rejection_reason", "response_date", "response_notes"):
			self.set(field, None)

	def enter_credited(self):
		if not self.credit_reference:
			frappe.throw(_("Enter the OEM's credit reference before recording the credit"))
		self.credit_date = self.credit_date or nowdate()
		self.credited_amount = money(self.accepted_amount)
		self.written_off_amount = money(self.claimed_amount - self.credited_amount)
		self.log_response()

	def enter_written_off(self):
		self.credited_amount = 0
		self.written_off_amount = money(self.claimed_amount)
		self.log_response()

	def require_reason(self):
		if not self.rejection_reason:
			frappe.throw(_("Select the OEM's reason code for {0}").format(_(self.status)))

	def log_response(self, status: str | None = None):
		self.response_date = self.response_date or nowdate()
		self.append(
			"responses",
			{
				"response_date": nowdate() if status else self.response_date,
				"status": status or self.status,
				"accepted_amount": None if status else self.accepted_amount,
				"reason_code": None if status else self.rejection_reason,
				"credit_reference": self.credit_reference if self.status == "Credited" else None,
				"source": self.flags.response_source or _("Desk"),
				"notes": None if status else self.response_notes,
			},
		)

	# --- draft checks ----------------------------------------------------------------------

	def oem_terms(self):
		make = self.make or frappe.db.get_value("Motor Vehicle", self.vin, "make")
		if not make:
			frappe.throw(_("Motor Vehicle {0} has no make: the OEM can't be found").format(self.vin))
		self.make = make
		if not frappe.db.exists("Warranty OEM Terms", make):
			frappe.throw(
				_(
					"Set up Warranty OEM Terms for {0} (labour rate, parts handling, submission window)"
				).format(make)
			)
		return frappe.get_cached_doc("Warranty OEM Terms", make)

	def validate_dates(self):
		if getdate(self.failure_date) > getdate(self.repair_completed_on):
			frappe.throw(_("The failure date can't be after the repair completion date"))
		if getdate(self.repair_completed_on) > getdate(nowdate()):
			frappe.throw(_("The repair completion date can't be in the future"))

	def set_line_prices(self, terms):
		for row in self.labour:
			row.labour_rate = row.labour_rate or terms.labour_rate
			row.amount = line_amount(row.warranty_hours, row.labour_rate)
		for row in self.parts:
			if not row.dealer_net_rate:
				row.dealer_net_rate = dealer_net_price(row.item_code)
			if not row.handling_percent:
				row.handling_percent = terms.parts_handling_percent
			row.reimbursement_rate = reimbursement_rate(row.dealer_net_rate, row.handling_percent)
			row.amount = line_amount(row.qty, row.reimbursement_rate)
		for row in self.sublets:
			row.amount = reimbursement_rate(row.cost, terms.sublet_handling_percent)

	def calculate_totals(self):
		self.labour_hours = sum(row.warranty_hours or 0 for row in self.labour)
		self.labour_total = money(sum(row.amount for row in self.labour))
		self.parts_total = money(sum(row.amount for row in self.parts))
		self.sublet_total = money(sum(row.amount for row in self.sublets))
		self.claimed_amount = money(self.labour_total + self.parts_total + self.sublet_total)

	def set_coverage(self):
		if self.service_campaign:
			# a recall or service campaign is paid whatever the vehicle's age or mileage (campaigns.py)
			from dms_app.warranty.campaigns import claim_vehicle_in_campaign

			claim_vehicle_in_campaign(self)
			self.warranty_policy = self.policy_expires_on = None
			return
		covers = vehicle_covers(self.vin, self.failure_date, self.odometer, self.odometer_unit)
		if self.warranty_policy:
			cover = next((c for c in covers if c.policy == self.warranty_policy), None)
		else:
			cover = cover_for_group(covers, self.component_group)
		if not cover:
			frappe.throw(
				_(
					"Vehicle {0} is not covered by {1} on {2} at {3} {4}: check its warranty start date and the Warranty Policies of its make"
				).format(
					self.vin,
					self.warranty_policy or _(self.component_group or "Basic") + " " + _("warranty"),
					frappe.format(self.failure_date, "Date"),
					self.odometer,
					self.odometer_unit or "km",
				),
				title=_("Not Covered"),
			)
		self.warranty_policy = cover.policy
		self.component_group = self.component_group or cover.component_group
		self.policy_expires_on = cover.expires_on

	def validate_not_claimed_twice(self):
		if not self.repair_order:
			return
		other = frappe.db.get_value(
			"OEM Warranty Claim",
			{
				"repair_order": self.repair_order,
				"job_no": self.job_no or 0,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
		)
		if other:
			frappe.throw(
				_("Job {0} of repair order {1} is already claimed in {2}").format(
					self.job_no, self.repair_order, other
				),
				title=_("Claimed Twice"),
			)


def dealer_net_price(item_code: str) -> float:
	"""The dealer's net cost of a part: its valuation rate, else its last purchase rate."""
	rates = frappe.db.get_value("Item", item_code, ["valuation_rate", "last_purchase_rate"], as_dict=True)
	return (rates and (rates.valuation_rate or rates.last_purchase_rate)) or 0
