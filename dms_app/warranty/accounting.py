"""How a claim to the OEM reaches the ledger.

Choice: **submitting a claim raises a Sales Invoice to the OEM** (an ERPNext Customer) for the
claimed amount — labour, parts and sublet as non-stock "warranty" items booked to the Warranty
Claim Income account — so the receivable is a real, ageable invoice in Accounts Receivable with
the claim number as the customer's PO number. A Journal Entry would book the same two lines but
leave the OEM's debt outside the receivables reports, dunning and payment allocation.

- OEM credit (milestone Credited): a Payment Entry against that invoice for the accepted amount,
  with the OEM's credit reference; if the OEM accepted less than claimed, a Journal Entry writes
  the shortfall off to the Warranty Write-off expense account against the same invoice.
- Rejection (milestone Written Off): one Journal Entry writes the whole claim off the same way.
- Partial acceptance or rejection followed by resubmission changes nothing in the ledger: the
  invoice stays open for the full claim until the OEM's final answer, so there is nothing to
  rebill; only the final shortfall is written off.
- Cancelling the claim cancels its write-off, payment and invoice, newest first.

The credit and the write-off are effects of the claim's lifecycle (dms_app/warranty/lifecycle.py):
each is booked once when the claim reaches its milestone, whatever the workflow state is called,
and knows it is booked from the entry it made, which the claim links.

The generated documents are the consequence of a permitted claim action (the claim's own
permissions and workflow roles decide who may act), so they are inserted with ignore_permissions:
a Warranty Administrator needs no rights on Sales Invoices.
"""

import frappe
from frappe import _
from frappe.utils import nowdate

from dms_app.dealer_accounting import accounts as department_accounts
from dms_app.dealer_accounting.departments import SERVICE_WARRANTY
from dms_app.warranty.rules import money


def settings_account(fieldname: str, company: str) -> str:
	"""The DMS Settings account, or the account of the same name in the claim's company."""
	account = frappe.db.get_single_value("DMS Settings", fieldname)
	label = frappe.get_meta("DMS Settings").get_label(fieldname)
	if not account:
		frappe.throw(_("Set {0} in DMS Settings (Warranty tab)").format(label))
	if frappe.db.get_value("Account", account, "company") == company:
		return account
	account_name = frappe.db.get_value("Account", account, "account_name")
	same = frappe.db.get_value("Account", {"account_name": account_name, "company": company, "is_group": 0})
	if not same:
		frappe.throw(_("{0} {1} belongs to another company than {2}").format(label, account, company))
	return same


def _item(fieldname: str) -> str:
	item = frappe.db.get_single_value("DMS Settings", fieldname)
	if not item:
		label = frappe.get_meta("DMS Settings").get_label(fieldname)
		frappe.throw(_("Set {0} in DMS Settings (Warranty tab)").format(label))
	return item


def make_claim_invoice(claim) -> str:
	"""Submit the Sales Invoice that makes the OEM owe the claimed amount: sales of the Service -
	Warranty department (its income account and cost center, dms_app.dealer_accounting)."""
	department = department_accounts.department(claim.company, SERVICE_WARRANTY.key)
	income = department.income_account or settings_account("warranty_income_account", claim.company)
	cost_center = department_accounts.cost_center(claim.company, SERVICE_WARRANTY.key)
	invoice = frappe.new_doc("Sales Invoice")
	invoice.update(
		{
			"customer": claim.oem_customer,
			"company": claim.company,
			"currency": claim.currency,
			"set_posting_time": 1,
			"posting_date": claim.submitted_on or nowdate(),
			"po_no": claim.name,
			"disable_rounded_total": 1,
			"remarks": _("OEM warranty claim {0}, VIN {1}").format(claim.name, claim.vin),
		}
	)

	def line(item_field, description, amount):
		invoice.append(
			"items",
			{
				"item_code": _item(item_field),
				"description": description,
				"qty": 1,
				"rate": amount,
				"income_account": income,
				"cost_center": cost_center,
				"vin": claim.vin,
			},
		)

	for row in claim.labour:
		line(
			"warranty_labour_item",
			f"{row.labour_operation or ''} {row.description or ''} — "
			f"{row.warranty_hours:g} h x {row.labour_rate:.2f}".strip(),
			row.amount,
		)
	for row in claim.parts:
		line(
			"warranty_parts_item",
			f"{row.item_code} {row.item_name or ''} — {row.qty:g} x {row.reimbursement_rate:.2f}",
			row.amount,
		)
	for row in claim.sublets:
		line("warranty_sublet_item", f"{_('Sublet')}: {row.description}", row.amount)

	invoice.set("taxes", [])
	invoice.taxes_and_charges = None
	invoice.flags.ignore_permissions = True
	invoice.insert()
	if money(invoice.grand_total) != money(claim.claimed_amount):
		frappe.throw(
			_(
				"The OEM invoice total {0} differs from the claimed amount {1}: check the taxes set up for {2}"
			).format(invoice.grand_total, claim.claimed_amount, claim.oem_customer)
		)
	invoice.submit()
	return invoice.name


def book_credit(claim) -> None:
	"""Effect of Credited: a Payment Entry against the claim invoice for the credited amount."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	credit_date = claim.credit_date or nowdate()
	payment = get_payment_entry(
		"Sales Invoice", claim.sales_invoice, party_amount=claim.credited_amount, reference_date=credit_date
	)
	payment.posting_date = credit_date
	payment.reference_no = claim.credit_reference
	payment.remarks = _("OEM credit {0} for warranty claim {1}").format(claim.credit_reference, claim.name)
	payment.flags.ignore_permissions = True
	payment.insert()
	payment.submit()
	claim.db_set("payment_entry", payment.name)


def credit_booked(claim) -> bool:
	return is_submitted("Payment Entry", claim.payment_entry)


def cancel_credit(claim) -> None:
	cancel("Payment Entry", claim.payment_entry)


def book_write_off(claim) -> None:
	"""Effect of Credited and Written Off: what the OEM did not pay, written off (nothing when it paid
	the whole claim)."""
	if money(claim.written_off_amount) > 0:
		claim.db_set(
			"write_off_entry", write_off_shortfall(claim, claim.written_off_amount, claim.credit_date)
		)


def write_off_booked(claim) -> bool:
	return is_submitted("Journal Entry", claim.write_off_entry)


def cancel_write_off(claim) -> None:
	cancel("Journal Entry", claim.write_off_entry)


def write_off_shortfall(claim, amount: float, posting_date=None) -> str:
	"""Journal Entry: Warranty Write-off expense against the OEM's receivable on the claim invoice."""
	invoice = frappe.db.get_value(
		"Sales Invoice", claim.sales_invoice, ["debit_to", "outstanding_amount"], as_dict=True
	)
	if money(amount) > money(invoice.outstanding_amount):
		frappe.throw(
			_("Cannot write off {0}: Sales Invoice {1} has only {2} outstanding").format(
				amount, claim.sales_invoice, invoice.outstanding_amount
			)
		)
	cost_center = department_accounts.cost_center(claim.company, SERVICE_WARRANTY.key)
	entry = frappe.new_doc("Journal Entry")
	entry.update(
		{
			"voucher_type": "Write Off Entry",
			"company": claim.company,
			"posting_date": posting_date or nowdate(),
			"user_remark": _("Warranty claim {0}: {1} not paid by the OEM ({2})").format(
				claim.name, amount, claim.rejection_reason or claim.status
			),
		}
	)
	entry.append(
		"accounts",
		{
			"account": settings_account("warranty_write_off_account", claim.company),
			"debit_in_account_currency": amount,
			"cost_center": cost_center,
		},
	)
	entry.append(
		"accounts",
		{
			"account": invoice.debit_to,
			"party_type": "Customer",
			"party": claim.oem_customer,
			"credit_in_account_currency": amount,
			"reference_type": "Sales Invoice",
			"reference_name": claim.sales_invoice,
			"cost_center": cost_center,
		},
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	return entry.name


def cancel_claim_invoice(claim) -> None:
	"""On cancel, after the credit and write-off were undone: the OEM no longer owes the claim."""
	cancel("Sales Invoice", claim.sales_invoice)


def is_submitted(doctype: str, name: str | None) -> bool:
	return bool(name) and frappe.db.get_value(doctype, name, "docstatus") == 1


def cancel(doctype: str, name: str | None) -> None:
	if is_submitted(doctype, name):
		doc = frappe.get_doc(doctype, name)
		doc.flags.ignore_permissions = True
		doc.cancel()
