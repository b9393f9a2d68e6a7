"""Floor-plan financing: a lender pays the OEM for a vehicle and holds its certificate until paid off.

Money (every movement a real ERPNext document, so the GL is the truth):
- financing (Floor Plan Financing on_submit): a Journal Entry debits the OEM's payable against the
  Purchase Invoice and credits the lender's loan account (Floor Plan Line.loan_account);
- payoff (a Journal Entry naming the financing in `floor_plan_financing`, made by `make_payoff`):
  debits the loan account and credits the bank; part payments (curtailments) count, and once the
  principal is repaid the certificate is released;
- cancelling either reverses it (ERPNext cancels the GL); the pledge follows.

Effects hang on docstatus only. The pledge is taken with the Motor Vehicle row and the line row
locked (SELECT … FOR UPDATE): two financings of one certificate, or two that together pass the
line's credit limit, submitted at once, wait for each other and the second is refused.
"""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from dms_app.floor_plan import terms
from dms_app.vehicles import documents
from dms_app.vehicles.stock_events import is_vehicle_item, row_vins, vins_of

DOCTYPE = "Floor Plan Financing"
OPEN = {"docstatus": 1, "status": ("in", ("Financed", "Sold"))}


# ---------------------------------------------------------------- queries (also for reports and alerts)


def line_usage(line: str, lock: bool = False) -> float:
	"""The principal outstanding on a line: what counts against its credit limit (`lock`: read the
	latest committed figures, as the submit does with the line locked)."""
	return flt(
		frappe.db.sql(
			f"""select sum(outstanding_principal) from `tabFloor Plan Financing`
			where floor_plan_line = %s and docstatus = 1 {"for update" if lock else ""}""",
			line,
		)[0][0]
	)


def open_financing(vin: str) -> str | None:
	"""The vehicle's submitted financing with principal outstanding."""
	return frappe.db.get_value(DOCTYPE, {"vin": vin, **OPEN}, "name")


def paid_principal(financing) -> float:
	"""Principal repaid: the loan account's debits less credits on the submitted payoff Journal Entries."""
	return flt(
		frappe.db.sql(
			"""select sum(jea.debit - jea.credit) from `tabJournal Entry Account` jea
			join `tabJournal Entry` je on je.name = jea.parent
			where je.floor_plan_financing = %s and je.docstatus = 1 and jea.account = %s""",
			(financing.name, financing.loan_account),
		)[0][0]
	)


# ---------------------------------------------------------------- the financing's controller


def validate(doc):
	line = frappe.get_cached_doc("Floor Plan Line", doc.floor_plan_line)
	if cint(line.disabled):
		frappe.throw(_("Floor Plan Line {0} is disabled").format(line.name))
	doc.update({"lender": line.lender, "company": line.company, "loan_account": line.loan_account})
	if doc.docstatus == 0:
		doc.update(
			{
				"interest_rate": line.interest_rate,
				"free_days": line.free_days,
				"payoff_days": line.payoff_days,
			}
		)
	invoice = frappe.db.get_value(
		"Purchase Invoice",
		doc.purchase_invoice,
		["docstatus", "is_return", "company", "supplier", "outstanding_amount"],
		as_dict=True,
	)
	if not invoice or invoice.docstatus != 1 or invoice.is_return:
		frappe.throw(
			_("Purchase Invoice {0} must be submitted (and not a return)").format(doc.purchase_invoice)
		)
	if invoice.company != doc.company:
		frappe.throw(
			_("Purchase Invoice {0} is of {1}, the line of {2}").format(
				doc.purchase_invoice, invoice.company, doc.company
			)
		)
	doc.supplier = invoice.supplier
	if doc.vin not in invoice_vins(frappe.get_doc("Purchase Invoice", doc.purchase_invoice)):
		frappe.throw(_("VIN {0} is not on Purchase Invoice {1}").format(doc.vin, doc.purchase_invoice))
	if flt(doc.principal) <= 0:
		frappe.throw(_("The principal must be more than zero"))
	if doc.docstatus == 0 and flt(doc.principal) > flt(invoice.outstanding_amount) + 0.005:
		frappe.throw(
			_("Principal {0} is more than the {1} outstanding on Purchase Invoice {2}").format(
				doc.principal, invoice.outstanding_amount, doc.purchase_invoice
			)
		)
	status = frappe.db.get_value("Motor Vehicle", doc.vin, "status")
	if status in ("Sold", "Delivered", "In Service", "Scrapped"):
		frappe.throw(_("Vehicle {0} is {1}: only stock can be financed").format(doc.vin, _(status)))
	if doc.docstatus == 0:
		check_not_pledged(doc)
		check_credit_limit(doc, line)
	doc.outstanding_principal = flt(doc.principal) - flt(doc.paid_principal)
	doc.status = terms.status(doc.docstatus, doc.outstanding_principal, doc.sold_on)


def check_not_pledged(doc, lock: bool = False):
	pledged = frappe.db.get_value(
		"Vehicle Document",
		documents.name_of(doc.vin, documents.certificate_type()),
		["pledged_to", "floor_plan_financing"],
		as_dict=True,
		for_update=lock,  # a locking read: the latest committed pledge, not the snapshot's
	)
	if pledged and pledged.pledged_to and pledged.floor_plan_financing != doc.name:
		frappe.throw(
			_("The {0} of vehicle {1} is already pledged to {2} (Floor Plan Financing {3})").format(
				_(documents.certificate_type()), doc.vin, pledged.pledged_to, pledged.floor_plan_financing
			),
			title=_("Already pledged"),
		)


def check_credit_limit(doc, line, lock: bool = False):
	used = line_usage(line.name, lock)
	if doc.docstatus == 1:  # on submit the financing's own row already counts
		used -= flt(doc.outstanding_principal)
	if used + flt(doc.principal) > flt(line.credit_limit) + 0.005:
		frappe.throw(
			_("Floor Plan Line {0}: {1} outstanding plus {2} is over its credit limit of {3}").format(
				line.name, used, doc.principal, line.credit_limit
			),
			title=_("Over the credit limit"),
		)


def on_submit(doc):
	"""Lock the line and the vehicle, check again, settle the invoice from the loan and pledge."""
	frappe.db.sql("select name from `tabFloor Plan Line` where name = %s for update", doc.floor_plan_line)
	documents.lock_vehicle(doc.vin)
	check_not_pledged(doc, lock=True)
	check_credit_limit(doc, frappe.get_doc("Floor Plan Line", doc.floor_plan_line), lock=True)
	journal = settlement_entry(doc)
	doc.db_set("journal_entry", journal.name)
	pledge(doc)
	refresh(doc)


def settlement_entry(doc):
	invoice = frappe.get_doc("Purchase Invoice", doc.purchase_invoice)
	journal = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": doc.company,
			"posting_date": doc.financed_on,
			"user_remark": _("Floor-plan financing {0}: {1} pays {2} for vehicle {3}").format(
				doc.name, doc.lender, invoice.supplier, doc.vin
			),
			"accounts": [
				{
					"account": invoice.credit_to,
					"party_type": "Supplier",
					"party": invoice.supplier,
					"debit_in_account_currency": flt(doc.principal),
					"reference_type": "Purchase Invoice",
					"reference_name": invoice.name,
				},
				{"account": doc.loan_account, "credit_in_account_currency": flt(doc.principal)},
			],
		}
	)
	journal.flags.ignore_permissions = True
	journal.flags.floor_plan_settlement = True
	journal.insert()
	journal.submit()
	return journal


def before_cancel(doc):
	if flt(paid_principal(doc)) > 0:
		frappe.throw(
			_("Floor Plan Financing {0} has payoffs: cancel them first").format(doc.name),
			title=_("Cannot cancel the financing"),
		)


def on_cancel(doc):
	documents.lock_vehicle(doc.vin)
	if doc.journal_entry:
		journal = frappe.get_doc("Journal Entry", doc.journal_entry)
		if journal.docstatus == 1:
			journal.flags.ignore_permissions = True
			journal.flags.floor_plan_settlement = True
			journal.cancel()
	release(doc, _("Floor Plan Financing {0} cancelled").format(doc.name), undo=True)
	doc.db_set("status", "Cancelled")


# ---------------------------------------------------------------- pledge and release


def pledge(doc):
	kind = documents.certificate_type()
	documents.get_or_make(doc.vin, kind)
	documents.move(
		doc.vin,
		kind,
		"Bank",
		_("Pledged to {0} (Floor Plan Financing {1})").format(doc.lender, doc.name),
		holder=doc.lender,
		reference=doc,
	)
	frappe.db.set_value(
		"Vehicle Document",
		documents.name_of(doc.vin, kind),
		{"pledged_to": doc.lender, "floor_plan_financing": doc.name},
	)


def release(doc, reason: str, undo: bool = False):
	"""Clear the pledge; the certificate goes to the safe (or, undoing, back where it was before)."""
	kind = documents.certificate_type()
	name = documents.name_of(doc.vin, kind)
	cert = frappe.get_doc("Vehicle Document", name, for_update=True)
	if cert.floor_plan_financing != doc.name:
		return
	frappe.db.set_value("Vehicle Document", name, {"pledged_to": None, "floor_plan_financing": None})
	if undo and made_last_move(doc, cert, "Bank"):
		cancel_movement(cert.last_movement)
	else:
		documents.move(doc.vin, kind, "Safe", reason, reference=doc)


def made_last_move(doc, cert, to_location: str) -> bool:
	"""Whether the certificate's last movement is this financing's, to `to_location`."""
	if not cert.last_movement:
		return False
	last = frappe.db.get_value(
		"Vehicle Document Movement",
		cert.last_movement,
		["reference_doctype", "reference_name", "to_location"],
		as_dict=True,
	)
	return (last.reference_doctype, last.reference_name, last.to_location) == (DOCTYPE, doc.name, to_location)


def cancel_movement(name: str):
	movement = frappe.get_doc("Vehicle Document Movement", name)
	movement.flags.ignore_permissions = True
	movement.flags.by_code = True
	movement.cancel()


def repledge(doc):
	"""A payoff cancelled: the certificate goes back to the lender, unless it has left the dealer."""
	kind = documents.certificate_type()
	name = documents.name_of(doc.vin, kind)
	cert = frappe.get_doc("Vehicle Document", name, for_update=True)
	if cert.pledged_to:
		return
	if made_last_move(doc, cert, "Safe"):
		cancel_movement(cert.last_movement)  # the release undone: back at the bank
		frappe.db.set_value(
			"Vehicle Document", name, {"pledged_to": doc.lender, "floor_plan_financing": doc.name}
		)
		return
	if cert.location != "Safe":
		frappe.throw(
			_("The {0} of vehicle {1} is {2}: it cannot go back to the lender").format(
				_(kind), doc.vin, _(cert.location or "Not Located")
			),
			title=_("Cannot cancel the payoff"),
		)
	pledge(doc)


def refresh(doc):
	"""Principal paid, outstanding, status and paid-off date from the ledger documents."""
	paid = paid_principal(doc)
	outstanding = flt(doc.principal) - paid
	values = {
		"paid_principal": paid,
		"outstanding_principal": outstanding,
		"status": terms.status(doc.docstatus, outstanding, doc.sold_on),
		"payoff_due_date": terms.payoff_due(getdate(doc.sold_on) if doc.sold_on else None, doc.payoff_days),
	}
	if outstanding > 0.005:
		values["paid_off_on"] = None
	doc.db_set(values)


# ---------------------------------------------------------------- payoff (Journal Entry)


@frappe.whitelist()
def make_payoff(
	financing: str, bank_account: str | None = None, amount: float | None = None, posting_date=None
):
	"""A draft Journal Entry paying the lender: debit the loan account, credit the bank."""
	doc = frappe.get_doc(DOCTYPE, financing)
	doc.check_permission("read")
	if doc.docstatus != 1:
		frappe.throw(_("Floor Plan Financing {0} is not submitted").format(doc.name))
	amount = flt(amount) or flt(doc.outstanding_principal)
	bank_account = bank_account or frappe.get_cached_value("Company", doc.company, "default_bank_account")
	journal = frappe.new_doc("Journal Entry")
	journal.update(
		{
			"voucher_type": "Bank Entry",
			"company": doc.company,
			"posting_date": posting_date or nowdate(),
			"cheque_no": doc.name,
			"cheque_date": posting_date or nowdate(),
			"floor_plan_financing": doc.name,
			"user_remark": _("Floor-plan payoff of vehicle {0} to {1}").format(doc.vin, doc.lender),
		}
	)
	journal.append("accounts", {"account": doc.loan_account, "debit_in_account_currency": amount})
	journal.append("accounts", {"account": bank_account, "credit_in_account_currency": amount})
	return journal


def validate_journal_entry(journal, method=None):
	if not journal.get("floor_plan_financing"):
		return
	doc = frappe.get_doc(DOCTYPE, journal.floor_plan_financing)
	if doc.docstatus != 1:
		frappe.throw(_("Floor Plan Financing {0} is not submitted").format(doc.name))
	repaid = sum(flt(r.debit) - flt(r.credit) for r in journal.accounts if r.account == doc.loan_account)
	if repaid <= 0:
		frappe.throw(
			_("A payoff of Floor Plan Financing {0} debits its loan account {1}").format(
				doc.name, doc.loan_account
			)
		)
	if journal.docstatus == 0 and repaid > flt(doc.outstanding_principal) + 0.005:
		frappe.throw(
			_("Payoff {0} is more than the {1} outstanding on Floor Plan Financing {2}").format(
				repaid, doc.outstanding_principal, doc.name
			)
		)


def on_submit_journal_entry(journal, method=None):
	if not journal.get("floor_plan_financing"):
		return
	doc = frappe.get_doc(DOCTYPE, journal.floor_plan_financing, for_update=True)
	documents.lock_vehicle(doc.vin)
	refresh(doc)
	if doc.status == "Paid Off":
		doc.db_set("paid_off_on", journal.posting_date)
		release(doc, _("Paid off by {0}").format(journal.name))


def before_cancel_journal_entry(journal, method=None):
	if journal.flags.floor_plan_settlement:
		return
	financing = frappe.db.get_value(DOCTYPE, {"journal_entry": journal.name, "docstatus": 1})
	if financing:
		frappe.throw(
			_("Journal Entry {0} settles Floor Plan Financing {1}: cancel the financing").format(
				journal.name, financing
			)
		)


def on_cancel_journal_entry(journal, method=None):
	if not journal.get("floor_plan_financing"):
		return
	doc = frappe.get_doc(DOCTYPE, journal.floor_plan_financing, for_update=True)
	documents.lock_vehicle(doc.vin)
	was_paid_off = doc.status == "Paid Off"
	refresh(doc)
	if was_paid_off and doc.status != "Paid Off":
		repledge(doc)


# ---------------------------------------------------------------- financing on receipt (Purchase Invoice)


def invoice_vins(invoice) -> list[str]:
	return [vin for _row, vin in invoice_rows(invoice)]


def invoice_rows(invoice) -> list[tuple]:
	"""(row, VIN) of the invoice's vehicles: the row's serial numbers, else its receipt row's."""
	pairs = []
	for row in invoice.items:
		if not is_vehicle_item(row.item_code):
			continue
		vins = row_vins(row)
		if not vins and row.get("pr_detail"):
			vins = row_vins(frappe.get_doc("Purchase Receipt Item", row.pr_detail))
		pairs += [(row, vin) for vin in vins]
	return pairs


def on_submit_purchase_invoice(invoice, method=None):
	"""An invoice naming a Floor Plan Line is settled from the loan: a financing per VIN, the
	invoice's outstanding split over the vehicles by their amounts (to the cent)."""
	if not invoice.get("floor_plan_line") or cint(invoice.is_return):
		return
	pairs = invoice_rows(invoice)
	if not pairs:
		return
	vehicle_net = sum(flt(row.base_net_amount) for row in {r.name: r for r, _v in pairs}.values())
	total_net = sum(flt(row.base_net_amount) for row in invoice.items) or vehicle_net
	to_finance = flt(invoice.outstanding_amount) * vehicle_net / total_net if total_net else 0
	weights = [flt(row.base_net_amount) / max(flt(row.qty), 1) for row, _vin in pairs]
	for (_row, vin), principal in zip(pairs, terms.allocate(to_finance, weights), strict=True):
		doc = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"floor_plan_line": invoice.floor_plan_line,
				"vin": vin,
				"purchase_invoice": invoice.name,
				"principal": principal,
				"financed_on": invoice.posting_date,
			}
		)
		doc.flags.ignore_permissions = True
		doc.insert()
		doc.submit()


def before_cancel_purchase_invoice(invoice, method=None):
	"""Cancelling the invoice cancels its financings first (refused once one has a payoff)."""
	for name in frappe.get_all(
		DOCTYPE, filters={"purchase_invoice": invoice.name, "docstatus": 1}, pluck="name"
	):
		doc = frappe.get_doc(DOCTYPE, name)
		doc.flags.ignore_permissions = True
		doc.cancel()


# ---------------------------------------------------------------- sale


def on_sales_invoice(invoice, method=None):
	"""Sold (or un-sold by a cancel or credit note): the payoff falls due by the lender's terms."""
	vins = sorted({vin for _row, vin in vins_of(invoice)})
	for name in frappe.get_all(DOCTYPE, filters={"vin": ("in", vins or [""]), "docstatus": 1}, pluck="name"):
		doc = frappe.get_doc(DOCTYPE, name, for_update=True)
		sold_by = frappe.db.get_value("Motor Vehicle", doc.vin, "sales_invoice")
		doc.sold_on = frappe.db.get_value("Sales Invoice", sold_by, "posting_date") if sold_by else None
		doc.db_set("sold_on", doc.sold_on)
		refresh(doc)
