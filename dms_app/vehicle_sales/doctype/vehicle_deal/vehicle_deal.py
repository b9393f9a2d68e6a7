import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name, is_transition_condition_satisfied
from frappe.utils import flt, getdate, nowdate

from dms_app.controllers import lifecycle
from dms_app.vehicle_sales import deal as deal_logic
from dms_app.vehicle_sales import finance
from dms_app.vehicle_sales.approval import APPROVED, LIFECYCLE
from dms_app.vehicles.lifecycle import UNAVAILABLE

LOCKED_AFTER_ORDER = ("vin", "trim", "vehicle_price", "discount_amount", "trade_in", "customer")


class VehicleDeal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from dms_app.vehicle_sales.doctype.vehicle_deal_item.vehicle_deal_item import VehicleDealItem

		amount_financed: DF.Currency
		approval_status: DF.Literal["Draft", "Pending Approval", "Approved", "Rejected"]
		approved_by: DF.Link | None
		approved_discount: DF.Currency
		apr: DF.Percent
		balance_due: DF.Currency
		colour: DF.Data | None
		company: DF.Link
		currency: DF.Link | None
		customer: DF.Link | None
		customer_name: DF.Data | None
		deal_type: DF.Literal["Stock Vehicle", "Factory Order"]
		delivery_note: DF.Link | None
		deposit: DF.Currency
		discount_amount: DF.Currency
		discount_percent: DF.Percent
		finance_journal_entry: DF.Link | None
		grand_total: DF.Currency
		items: DF.Table[VehicleDealItem]
		language: DF.Link | None
		lead: DF.Link | None
		lender: DF.Link | None
		list_price: DF.Currency
		lost_reason: DF.SmallText | None
		model: DF.Link | None
		monthly_payment: DF.Currency
		naming_series: DF.Literal["VD-.YYYY.-"]
		needs_approval: DF.Check
		net_total: DF.Currency
		notes: DF.TextEditor | None
		opportunity: DF.Link | None
		payment_method: DF.Literal["Cash", "Finance"]
		quotation: DF.Link | None
		sales_invoice: DF.Link | None
		sales_order: DF.Link | None
		sales_person: DF.Link
		status: DF.Literal["Open", "Quoted", "Ordered", "Invoiced", "Delivered", "Lost"]
		taxes_and_charges: DF.Link | None
		term_months: DF.Int
		total_interest: DF.Currency
		total_taxes: DF.Currency
		trade_in: DF.Link | None
		trade_in_allowance: DF.Currency
		trade_in_vin: DF.Data | None
		transaction_date: DF.Date
		trim: DF.Link | None
		vehicle_item: DF.Link | None
		vehicle_price: DF.Currency
		vin: DF.Link | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def onload(self):
		lifecycle.set_onload_problems(self)

	def before_validate(self):
		# before Frappe's mandatory check, so a deal inserted without a price (REST, import) gets one
		self.fill_vehicle()
		if self.is_new() and not self.taxes_and_charges:
			self.taxes_and_charges = deal_logic.default_tax_template(self.company)

	def validate(self):
		lifecycle.validate(self)
		self.validate_vehicle_free()
		self.validate_locked_fields()
		self.validate_trade_in()
		self.compute_totals()
		self.compute_finance()
		self.apply_approval()

	def on_update(self):
		lifecycle.reconcile(self)

	def fill_vehicle(self):
		if self.deal_type == "Stock Vehicle":
			if not self.vin:
				frappe.throw(_("Select the VIN of the stock vehicle sold"))
		else:
			self.vin = None
			if not self.trim:
				frappe.throw(_("Select the trim of the vehicle ordered"))
		values = deal_logic.vehicle_defaults(self.deal_type, self.vin, self.trim)
		if not values.get("vehicle_item"):
			frappe.throw(_("Vehicle {0} has no Item to sell it as").format(self.vin or self.trim))
		self.trim = values["trim"]
		self.model, self.vehicle_item = values["model"], values["vehicle_item"]
		self.colour = self.colour or values.get("colour")
		self.list_price = values["list_price"]
		if not self.vehicle_price:
			self.vehicle_price = self.list_price

	def validate_vehicle_free(self):
		if not self.vin or self.status == "Lost":
			return
		vehicle = frappe.db.get_value(
			"Motor Vehicle", self.vin, ["status", "sales_order", "reserved_for"], as_dict=True
		)
		if vehicle.sales_order and vehicle.sales_order != self.sales_order:
			frappe.throw(
				_("Vehicle {0} is reserved for {1} on Sales Order {2}").format(
					self.vin, vehicle.reserved_for, vehicle.sales_order
				),
				title=_("Vehicle not available"),
			)
		if vehicle.status in UNAVAILABLE and not self.sales_order:
			frappe.throw(
				_("Vehicle {0} is {1} and cannot be sold").format(
					self.vin, _(vehicle.status, context="Motor Vehicle")
				),
				title=_("Vehicle not available"),
			)

	def validate_locked_fields(self):
		before = self.get_doc_before_save()
		if not before or not before.sales_order:
			return
		changed = [self.meta.get_label(f) for f in LOCKED_AFTER_ORDER if before.get(f) != self.get(f)]
		if changed:
			frappe.throw(
				_("Sales Order {0} exists for this deal: cancel it before changing {1}").format(
					before.sales_order, ", ".join(changed)
				)
			)

	def validate_trade_in(self):
		if not self.trade_in:
			self.trade_in_allowance = 0
			return
		appraisal = frappe.db.get_value(
			"Trade-in Appraisal",
			self.trade_in,
			["docstatus", "customer", "appraised_value", "vehicle_deal", "valid_until", "vin"],
			as_dict=True,
		)
		if appraisal.docstatus != 1:
			frappe.throw(
				_("Trade-in Appraisal {0} must be submitted before it is used").format(self.trade_in)
			)
		before = self.get_doc_before_save()
		newly_linked = not before or before.trade_in != self.trade_in
		if newly_linked and appraisal.valid_until and getdate(appraisal.valid_until) < getdate(nowdate()):
			frappe.throw(
				_("Trade-in Appraisal {0} expired on {1}: appraise the vehicle again").format(
					self.trade_in, frappe.format(appraisal.valid_until, "Date")
				),
				title=_("Appraisal expired"),
			)
		if appraisal.customer and self.customer and appraisal.customer != self.customer:
			frappe.throw(
				_("Trade-in Appraisal {0} is for {1}, not {2}").format(
					self.trade_in, appraisal.customer, self.customer
				)
			)
		other = frappe.db.get_value(
			"Vehicle Deal",
			{"trade_in": self.trade_in, "name": ("!=", self.name), "status": ("!=", "Lost")},
			"name",
		)
		if other:
			frappe.throw(_("Trade-in {0} is already used on deal {1}").format(appraisal.vin, other))
		self.trade_in_allowance = appraisal.appraised_value

	def compute_totals(self):
		for row in self.items:
			row.qty = row.qty or 1
			row.amount = flt(row.qty * flt(row.rate), row.precision("amount"))
		if flt(self.discount_amount) > flt(self.vehicle_price):
			frappe.throw(_("The discount cannot exceed the vehicle price"))
		self.discount_percent = finance.discount_percent(flt(self.discount_amount), flt(self.vehicle_price))
		taxes = deal_logic.preview_taxes(self)
		totals = finance.deal_totals(
			flt(self.vehicle_price),
			flt(self.discount_amount),
			sum(flt(r.amount) for r in self.items),
			taxes,
			flt(self.trade_in_allowance),
			flt(self.deposit),
		)
		self.net_total, self.total_taxes = totals.net_total, taxes
		self.grand_total, self.balance_due = totals.grand_total, totals.balance_due
		if self.balance_due < 0:
			frappe.throw(
				_("Trade-in allowance and deposit exceed the deal total by {0}").format(-self.balance_due)
			)

	def compute_finance(self):
		if self.payment_method != "Finance":
			self.update({"lender": None, "amount_financed": 0, "term_months": 0, "apr": 0})
			self.monthly_payment = self.total_interest = 0
			return
		if not self.amount_financed:
			self.amount_financed = self.balance_due
		if flt(self.amount_financed) > flt(self.balance_due):
			frappe.throw(
				_("Amount financed {0} is more than the balance due {1}").format(
					self.amount_financed, self.balance_due
				)
			)
		if not self.term_months or self.term_months <= 0:
			frappe.throw(_("Enter the finance term in months"))
		if flt(self.apr) < 0:
			frappe.throw(_("APR cannot be negative"))
		self.monthly_payment = finance.monthly_payment(
			flt(self.amount_financed), flt(self.apr), self.term_months
		)
		self.total_interest = finance.total_interest(
			flt(self.amount_financed), flt(self.apr), self.term_months
		)

	def reduction(self) -> float:
		"""What the approval limit is measured on: the discount plus any price entered below list."""
		return finance.reduction_from_list(
			flt(self.list_price), flt(self.vehicle_price), flt(self.discount_amount)
		)

	def apply_approval(self):
		"""Record who approved which reduction when the deal reaches the Approved milestone (once, by
		whichever workflow state sets it), clear it when the deal leaves it, and refuse a reduction
		raised past the approved one."""
		reduction = self.reduction()
		self.needs_approval = finance.needs_approval(
			reduction,
			flt(self.list_price) or flt(self.vehicle_price),
			flt(frappe.db.get_single_value("DMS Settings", "max_discount_percent")),
			flt(frappe.db.get_single_value("DMS Settings", "max_discount_amount")),
		)
		self.check_workflow_transition()
		before = self.get_doc_before_save()
		was_approved = bool(before) and before.approval_status == APPROVED
		if self.approval_status == APPROVED and not was_approved:
			self.approved_by = frappe.session.user
			self.approved_discount = reduction
		elif self.approval_status != APPROVED:
			self.approved_by = None
			self.approved_discount = 0
		elif self.needs_approval and reduction > flt(self.approved_discount):
			frappe.throw(
				_(
					"The discount {0} is more than the {1} approved: reopen the deal and request approval again"
				).format(reduction, self.approved_discount),
				title=_("Discount needs approval"),
			)

	def check_workflow_transition(self):
		"""Frappe checks a transition's condition on the deal as it was before the save, so a discount
		raised in the same save that moves the deal to Approved would pass `not doc.needs_approval`.
		When a save moves the milestone, a transition of the (admin's) workflow into the new state must
		allow it on the new values too."""
		before = self.get_doc_before_save()
		if not before or before.approval_status == self.approval_status or self.flags.lifecycle_move:
			return
		workflow_name = get_workflow_name(self.doctype)
		if not workflow_name:
			return
		roles = set(frappe.get_roles())
		allowed = any(
			t.state == before.workflow_state
			and t.next_state == self.workflow_state
			and t.allowed in roles
			and is_transition_condition_satisfied(t, self)
			for t in frappe.get_cached_doc("Workflow", workflow_name).transitions
		)
		if not allowed:
			frappe.throw(
				_("Deal {0} cannot move from {1} to {2} with these values").format(
					self.name, _(before.workflow_state), _(self.workflow_state)
				),
				title=_("Discount needs approval"),
			)

	def is_discount_approved(self) -> bool:
		if not self.needs_approval:
			return True
		return self.approval_status == APPROVED and flt(self.approved_discount) >= self.reduction()
