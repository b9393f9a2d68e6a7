"""Acceptance: a financed vehicle from receipt to delivery (pledge, sale, payoff, release), a cancel
or return at each step, the GL to the cent; delivery refused while pledged; no double pledge."""

import frappe
import pytest
from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return as make_credit_note
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.utils import add_days, getdate

from dms_app.floor_plan import financing as logic
from dms_app.tests import factories
from dms_app.tests import floor_plan as fp
from dms_app.tests import vehicle_sales as tu


@pytest.fixture
def trim():
	return factories.make_vehicle_trim(list_price=30000)


def sell(vin: str):
	order = factories.make_sales_order(factories.make_customer(), vin)
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	return order, invoice


def test_receipt_pledge_sale_payoff_release_delivery_with_the_gl_to_the_cent(trim):
	line = fp.make_line(credit_limit=100000)
	loan = fp.loan_account()
	vins = [factories.make_vin(), factories.make_vin()]
	_receipt, invoice = fp.receive_financed(vins, trim, line, rate=25000.55)

	# financed on receipt: the lender paid the OEM, the invoice is settled, the certificates pledged
	financings = [fp.financing_of(vin) for vin in vins]
	assert [f.principal for f in financings] == [25000.55, 25000.55]
	assert all(f.status == "Financed" and f.lender == "Test Floor Plan Bank" for f in financings)
	assert frappe.db.get_value("Purchase Invoice", invoice.name, "outstanding_amount") == 0
	assert fp.gl(invoice.credit_to, against_voucher=invoice.name) == 0
	assert fp.gl(loan) == -50001.10
	assert fp.gl(loan, voucher_no=financings[0].journal_entry) == -25000.55
	assert logic.line_usage(line) == 50001.10
	vin, first = vins[0], financings[0]
	cert = fp.certificate(vin)
	assert (cert.location, cert.holder, cert.pledged_to, cert.floor_plan_financing) == (
		"Bank",
		"Test Floor Plan Bank",
		"Test Floor Plan Bank",
		first.name,
	)
	movement = frappe.get_doc("Vehicle Document Movement", cert.last_movement)
	assert (movement.moved_by, movement.reference_name, movement.to_location) == (
		"Administrator",
		first.name,
		"Bank",
	)
	assert first.name in movement.reason
	assert frappe.db.get_value("Motor Vehicle", vin, "certificate_location") == "Lender (Pledged)"

	# sold: the payoff falls due by the lender's terms; delivery is refused while pledged
	order, sale = sell(vin)
	first.reload()
	assert (first.status, str(first.sold_on)) == ("Sold", str(sale.posting_date))
	assert getdate(first.payoff_due_date) == getdate(add_days(sale.posting_date, 3))
	tu.pass_pdi(vin)
	note = make_delivery_note(order.name)
	note.insert()
	with pytest.raises(frappe.ValidationError, match=f"Vehicle {vin}: its Certificate is pledged"):
		note.submit()

	# paid off: the loan is repaid from the bank, the certificate released to the safe
	bank = fp.bank_account()
	bank_before = fp.gl(bank)
	payoff = fp.pay_off(first.name)
	first.reload()
	assert (first.status, first.paid_principal, first.outstanding_principal) == ("Paid Off", 25000.55, 0)
	assert str(first.paid_off_on) == str(payoff.posting_date)
	assert fp.gl(loan) == -25000.55
	assert round(fp.gl(bank) - bank_before, 2) == -25000.55
	cert.reload()
	assert (cert.location, cert.pledged_to) == ("Safe", None)
	assert frappe.db.get_value("Motor Vehicle", vin, "certificate_location") == "Dealer"
	assert logic.line_usage(line) == 25000.55

	# delivered and handed over: the documents in the safe go with the customer
	note.reload()
	note.submit()
	handover = frappe.get_doc(
		{"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": vin, "certificate_handed": 1}
	).insert()
	handover.submit()
	cert.reload()
	assert (cert.location, cert.holder) == ("With Customer", sale.customer)

	# a payoff cannot be undone once the certificate has left the dealer
	payoff.reload()
	with pytest.raises(frappe.ValidationError, match="cannot go back to the lender"):
		payoff.cancel()

	# handover cancelled: the certificate is back in the safe
	handover.reload()
	handover.cancel()
	cert.reload()
	assert cert.location == "Safe"


def test_a_cancel_or_return_at_each_step_undoes_it(trim):
	line = fp.make_line()
	loan = fp.loan_account()
	vin = factories.make_vin()
	receipt, invoice = fp.receive_financed([vin], trim, line)
	doc = fp.financing_of(vin)

	order, sale = sell(vin)
	# the sale returned (credit note): financed again, nothing due
	credit_note = make_credit_note(sale.name)
	credit_note.insert()
	credit_note.submit()
	doc.reload()
	assert (doc.status, doc.sold_on, doc.payoff_due_date) == ("Financed", None, None)
	credit_note.cancel()
	doc.reload()
	assert doc.status == "Sold"
	# the sale cancelled
	sale.reload()
	sale.cancel()
	doc.reload()
	assert (doc.status, doc.sold_on) == ("Financed", None)

	# a part payment (curtailment) keeps the pledge; the rest releases it; cancelling re-pledges
	part = fp.pay_off(doc.name, 2500)
	doc.reload()
	assert (doc.status, doc.outstanding_principal) == ("Financed", 22500)
	assert fp.certificate(vin).pledged_to
	rest = fp.pay_off(doc.name)
	assert fp.certificate(vin).location == "Safe"
	rest.reload()
	rest.cancel()
	doc.reload()
	assert (doc.status, doc.outstanding_principal, doc.paid_off_on) == ("Financed", 22500, None)
	assert (fp.certificate(vin).location, fp.certificate(vin).pledged_to) == ("Bank", "Test Floor Plan Bank")
	assert fp.gl(loan) == -22500

	# the financing cannot be cancelled with a payoff, nor its settlement entry on its own
	doc.reload()
	with pytest.raises(frappe.ValidationError, match="has payoffs"):
		doc.cancel()
	part.reload()
	part.cancel()
	journal = frappe.get_doc("Journal Entry", doc.journal_entry)
	with pytest.raises(frappe.ValidationError, match="cancel the financing"):
		journal.cancel()

	# the OEM's invoice cancelled: the financing and its entry with it, the pledge undone
	invoice.reload()
	invoice.cancel()
	doc.reload()
	assert doc.docstatus == 2 and doc.status == "Cancelled"
	assert frappe.db.get_value("Journal Entry", doc.journal_entry, "docstatus") == 2
	cert = fp.certificate(vin)
	assert (cert.location, cert.pledged_to) == ("", None)
	assert not frappe.db.get_value("Motor Vehicle", vin, "certificate_location")  # not left "pledged"
	assert fp.gl(loan) == 0
	assert fp.gl(invoice.credit_to, against_voucher=invoice.name) == 0
	order.reload()
	order.cancel()
	receipt.reload()
	receipt.cancel()


def test_a_second_pledge_of_one_certificate_is_refused(trim):
	line = fp.make_line()
	vin = factories.make_vin()
	_receipt, invoice = fp.receive_financed([vin], trim, None)
	first = frappe.get_doc(
		{
			"doctype": "Floor Plan Financing",
			"floor_plan_line": line,
			"vin": vin,
			"purchase_invoice": invoice.name,
			"principal": 10000,
		}
	).insert()
	first.submit()
	other_line = fp.make_line(lender=factories.make_supplier("Test Second Bank"))
	second = frappe.get_doc(
		{
			"doctype": "Floor Plan Financing",
			"floor_plan_line": other_line,
			"vin": vin,
			"purchase_invoice": invoice.name,
			"principal": 10000,
		}
	)
	with pytest.raises(frappe.ValidationError, match="already pledged to Test Floor Plan Bank"):
		second.insert()


def test_financing_beyond_the_credit_limit_is_refused(trim):
	line = fp.make_line(credit_limit=30000)
	with pytest.raises(frappe.ValidationError, match="over its credit limit"):
		fp.receive_financed([factories.make_vin(), factories.make_vin()], trim, line)


def test_only_finance_roles_finance_and_a_pledged_certificate_moves_only_by_payoff(trim):
	line = fp.make_line()
	vin = factories.make_vin()
	fp.receive_financed([vin], trim, line)
	consultant = factories.make_user(roles=("Sales Consultant",))
	frappe.set_user(consultant)
	try:
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "Floor Plan Financing", "floor_plan_line": line, "vin": vin, "principal": 1}
			).insert()
		with pytest.raises(frappe.PermissionError):
			logic.make_payoff(fp.financing_of(vin).name)
	finally:
		frappe.set_user("Administrator")
	movement = frappe.get_doc(
		{
			"doctype": "Vehicle Document Movement",
			"vin": vin,
			"document_type": "Certificate",
			"to_location": "Safe",
			"reason": "taken back from the bank",
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="is pledged to"):
		movement.submit()


def test_the_document_checklist_at_delivery(trim):
	frappe.db.set_single_value("DMS Settings", "check_vehicle_documents_at_delivery", 1)
	vin = tu.stock_vehicle()
	order, _sale = sell(vin)
	tu.pass_pdi(vin)
	note = make_delivery_note(order.name)
	note.insert()
	with pytest.raises(frappe.ValidationError, match=f"Vehicle {vin}: its Keys is not in the safe"):
		note.submit()
	for kind in ("Certificate", "Keys", "Manuals and Warranty Card"):
		move = frappe.get_doc(
			{
				"doctype": "Vehicle Document Movement",
				"vin": vin,
				"document_type": kind,
				"to_location": "Safe",
				"reason": "arrived with the car",
			}
		).insert()
		move.submit()
	note.reload()
	note.submit()
	assert frappe.db.get_value("Vehicle Document", f"{vin}-Keys", "location") == "Safe"
	# the handover takes the documents to the customer; the earlier movement cannot be cancelled now
	move.reload()
	handover = frappe.get_doc(
		{"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": vin}
	).insert()
	handover.submit()
	assert frappe.db.get_value("Vehicle Document", f"{vin}-Keys", "location") == "With Customer"
	with pytest.raises(frappe.ValidationError, match="has moved since"):
		move.cancel()


def test_two_financings_of_one_certificate_at_once_exactly_one_wins(frappe_site):
	"""Two real connections submit financings of one VIN at the same moment."""
	trim = factories.make_vehicle_trim()
	vin = factories.make_vin()
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "trim": trim}).insert()
	lines = [fp.make_line(), fp.make_line(lender=factories.make_supplier("Test Second Bank"))]
	invoice = frappe.get_doc(
		{
			"doctype": "Purchase Invoice",
			"supplier": factories.make_supplier("Test OEM Distributor"),
			"company": factories.default_company(),
			"bill_no": vin,
			"items": [
				{
					"item_code": frappe.db.get_value("Vehicle Trim", trim, "item"),
					"qty": 1,
					"rate": 25000,
					"serial_no": vin,
				}
			],
		}
	).insert()
	invoice.submit()
	frappe.db.commit()

	def finance(line):
		def attempt(ready):
			doc = frappe.get_doc(
				{
					"doctype": "Floor Plan Financing",
					"floor_plan_line": line,
					"vin": vin,
					"purchase_invoice": invoice.name,
					"principal": 10000,
				}
			).insert()
			frappe.db.commit()  # drafts first: inserting holds the naming series lock
			ready()
			doc.submit()
			return doc.name

		return attempt

	try:
		(_winner, name), (_line, error) = factories.race(frappe_site, {line: finance(line) for line in lines})
		assert isinstance(error, frappe.ValidationError), getattr(error, "trace", error)
		assert "already pledged" in str(error)
		assert fp.certificate(vin).floor_plan_financing == name
		assert frappe.db.count("Floor Plan Financing", {"vin": vin, "docstatus": 1}) == 1
	finally:
		frappe.db.rollback()
		cleanup_race(vin, invoice.name, lines, trim)


def cleanup_race(vin, invoice, lines, trim):
	vouchers = [invoice]
	for name in frappe.get_all("Floor Plan Financing", filters={"vin": vin}, pluck="name"):
		doc = frappe.get_doc("Floor Plan Financing", name)
		if doc.docstatus == 1:
			doc.cancel()
		if doc.journal_entry:
			vouchers.append(doc.journal_entry)
	doc = frappe.get_doc("Purchase Invoice", invoice)
	if doc.docstatus == 1:
		doc.cancel()
	for doctype in ("GL Entry", "Payment Ledger Entry"):
		frappe.db.delete(doctype, {"voucher_no": ("in", vouchers)})
	for doctype in ("Vehicle Document Movement", "Vehicle Document", "Floor Plan Financing"):
		frappe.db.delete(doctype, {"vin": vin})
	for journal in vouchers[1:]:
		frappe.delete_doc(
			"Journal Entry", journal, force=True, delete_permanently=True, ignore_permissions=True
		)
	frappe.delete_doc("Purchase Invoice", invoice, force=True, delete_permanently=True)
	for line in lines:
		frappe.delete_doc("Floor Plan Line", line, force=True, delete_permanently=True)
	frappe.delete_doc("Motor Vehicle", vin, force=True, delete_permanently=True)
	item = frappe.db.get_value("Vehicle Trim", trim, "item")
	frappe.delete_doc("Vehicle Trim", trim, force=True, delete_permanently=True)
	frappe.delete_doc("Item", item, force=True, delete_permanently=True)
	frappe.db.commit()
