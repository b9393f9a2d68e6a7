"""Acceptance: from a lead to a delivered vehicle with a trade-in and finance; GL and stock checked."""

import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, flt, nowdate, random_string

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import crm
from dms_app.vehicle_sales import deal as deal_logic


def gl_balance(account: str | None = None, party: str | None = None, voucher_no: str | None = None) -> float:
	filters = {"is_cancelled": 0}
	if account:
		filters["account"] = account
	if party:
		filters.update(party_type="Customer", party=party)
	if voucher_no:
		filters["voucher_no"] = voucher_no
	rows = frappe.get_all("GL Entry", filters=filters, fields=["sum(debit) as dr", "sum(credit) as cr"])
	return flt(rows[0].dr) - flt(rows[0].cr)


def test_lead_to_delivered_vehicle_with_trade_in_and_finance():
	frappe.db.set_single_value(
		"DMS Settings",
		{"max_discount_percent": 5, "max_discount_amount": 0, "require_pdi_before_delivery": 1},
	)
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	vin = tu.stock_vehicle(rate=25000)

	# CRM: the lead, its vehicle of interest, a follow-up and a test drive
	lead = frappe.get_doc("Lead", tu.make_lead(f"Dana Whitfield {random_string(4)}", owner=consultant))
	lead.append(
		"vehicles_of_interest", {"model": frappe.db.get_value("Motor Vehicle", vin, "model"), "vin": vin}
	)
	lead.save()
	todo = crm.schedule_follow_up(
		"Lead", lead.name, add_days(nowdate(), 2), "Call back about finance", consultant
	)
	assert frappe.db.get_value("ToDo", todo, ["allocated_to", "date"]) == (
		consultant,
		frappe.utils.getdate(add_days(nowdate(), 2)),
	)
	drive = tu.make_test_drive(vin, lead=lead.name, sales_person=consultant)
	drive.status = "Completed"
	drive.save()

	customer = factories.make_customer(lead.lead_name, lead_name=lead.name)
	lender = factories.make_customer(f"Test Motor Finance {random_string(4)}", customer_type="Company")
	appraisal = tu.make_appraisal(customer, value=9000)
	accessory = factories.make_item(item_name="All-weather floor mats", is_stock_item=0)

	# the deal, approved by the consultant (3.1 % discount is within the 5 % limit)
	deal = tu.make_deal(
		customer,
		vin,
		lead=lead.name,
		sales_person=consultant,
		vehicle_price=32000,
		discount_amount=1000,
		taxes_and_charges=tu.tax_template(10),
		items=[
			{"line_type": "Accessory", "item_code": accessory, "qty": 1, "rate": 600},
			{"line_type": "Fee", "item_code": "DMS-REG-FEE", "qty": 1, "rate": 400},
		],
		trade_in=appraisal.name,
		deposit=2000,
		payment_method="Finance",
		lender=lender,
		term_months=48,
		apr=5.9,
	)
	assert (deal.net_total, deal.total_taxes, deal.grand_total) == (32000, 3200, 35200)
	assert deal.trade_in_allowance == 9000 and deal.balance_due == 24200 == deal.amount_financed
	assert deal.monthly_payment == 567.23  # 24,200 at 5.9 % APR over 48 months
	frappe.set_user(consultant)
	deal = apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Approve")
	frappe.set_user("Administrator")

	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.grand_total == 35200
	quotation.submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Reserved"

	deposit = deal_logic.make_deposit(deal.name)
	deposit.reference_no, deposit.reference_date = "DEP-1", nowdate()
	deposit.insert()
	deposit.submit()

	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	assert invoice.vehicle_deal == deal.name and invoice.grand_total == 35200

	# the trade-in is used stock at the appraised value, through the clearing account
	appraisal.reload()
	assert appraisal.status == "In Stock" and appraisal.stock_entry and appraisal.journal_entry
	used = frappe.get_doc("Motor Vehicle", appraisal.vin)
	used_warehouse = frappe.db.get_single_value("DMS Settings", "used_vehicle_warehouse")
	assert (used.stock_type, used.status, used.warehouse) == ("Used", "In Stock", used_warehouse)
	assert used.landed_cost == 9000
	sle = frappe.get_all(
		"Stock Ledger Entry",
		filters={"voucher_no": appraisal.stock_entry, "is_cancelled": 0},
		fields=["warehouse", "actual_qty", "stock_value_difference"],
	)
	assert [(r.warehouse, r.actual_qty, r.stock_value_difference) for r in sle] == [(used_warehouse, 1, 9000)]
	clearing = frappe.db.get_single_value("DMS Settings", "trade_in_clearing_account")
	assert gl_balance(clearing, voucher_no=appraisal.stock_entry) == -9000
	assert gl_balance(clearing) == 0  # allowance set against the invoice clears it
	stock_account = frappe.db.get_value("Warehouse", used_warehouse, "account") or frappe.get_cached_value(
		"Company", invoice.company, "default_inventory_account"
	)
	assert gl_balance(stock_account, voucher_no=appraisal.stock_entry) == 9000

	# the customer owes nothing more: invoice - trade-in - financed - deposit; the lender owes the loan
	assert gl_balance(party=customer) == 0
	assert gl_balance(party=lender) == 24200
	assert (
		frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount") == 2000
	)  # the deposit is an unallocated advance
	assert gl_balance(tu.tax_account(), voucher_no=invoice.name) == -3200

	# delivery: refused without a passed PDI, then handed over
	note = make_delivery_note(order.name)
	note.insert()
	with pytest.raises(frappe.ValidationError, match="pre-delivery inspection"):
		note.submit()
	assert frappe.db.get_value("Delivery Note", note.name, "docstatus") == 0
	tu.pass_pdi(vin)
	note.reload()
	note.submit()
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	assert (vehicle.status, vehicle.customer) == ("Delivered", customer)
	assert str(vehicle.warranty_start_date) == str(note.posting_date)
	cogs = frappe.get_all(
		"Stock Ledger Entry",
		filters={"voucher_no": note.name, "is_cancelled": 0},
		fields=["stock_value_difference"],
		pluck="stock_value_difference",
	)
	assert cogs == [-25000]
	handover = frappe.get_doc(
		{
			"doctype": "Vehicle Handover",
			"delivery_note": note.name,
			"vin": vin,
			"odometer": 12,
			"certificate_handed": 1,
			"owner_manual_handed": 1,
		}
	).insert()
	handover.submit()
	assert handover.vehicle_deal == deal.name
	assert frappe.db.get_value("Motor Vehicle", vin, "certificate_location") == "Customer"
	assert frappe.db.get_value("Vehicle Deal", deal.name, ["status", "sales_invoice", "delivery_note"]) == (
		"Delivered",
		invoice.name,
		note.name,
	)

	# the print formats render the deal, the VIN on the invoice and the handover
	sheet = frappe.get_print("Vehicle Deal", deal.name, "Vehicle Deal Sheet")
	assert vin in sheet and "567.23" in sheet and appraisal.vin in sheet
	printed = frappe.get_print("Sales Invoice", invoice.name, "Vehicle Invoice")
	assert vin in printed and "Certificate of conformity" in printed
	assert vin in frappe.get_print("Vehicle Handover", handover.name, "Vehicle Handover Sheet")


def test_cancelling_the_invoice_takes_the_trade_in_back_out():
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	vin = tu.stock_vehicle()
	customer = factories.make_customer()
	appraisal = tu.make_appraisal(customer, value=7000)
	deal = tu.make_deal(customer, vin, vehicle_price=30000, trade_in=appraisal.name)
	deal_logic.make_quotation(deal.name).submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	appraisal.reload()
	entry, journal = appraisal.stock_entry, appraisal.journal_entry
	invoice.reload()
	invoice.cancel()
	assert frappe.db.get_value("Stock Entry", entry, "docstatus") == 2
	assert frappe.db.get_value("Journal Entry", journal, "docstatus") == 2
	assert frappe.db.get_value("Trade-in Appraisal", appraisal.name, "status") == "Accepted"
	assert frappe.db.get_value("Motor Vehicle", appraisal.vin, "warehouse") is None
	assert gl_balance(party=customer) == 0


def test_an_accessory_invoice_of_the_deal_neither_takes_nor_undoes_the_trade_in():
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	vin = tu.stock_vehicle()
	customer = factories.make_customer()
	appraisal = tu.make_appraisal(customer, value=7000)
	accessory = factories.make_item(item_name="Roof bars", is_stock_item=0)
	deal = tu.make_deal(
		customer,
		vin,
		vehicle_price=30000,
		trade_in=appraisal.name,
		items=[{"line_type": "Accessory", "item_code": accessory, "qty": 1, "rate": 600}],
	)
	deal_logic.make_quotation(deal.name).submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()

	def invoice_of(item_code: str):
		invoice = make_sales_invoice(order.name)
		invoice.items = [row for row in invoice.items if row.item_code == item_code]
		invoice.insert()
		invoice.submit()
		return invoice

	accessories = invoice_of(accessory)
	assert not frappe.db.get_value("Trade-in Appraisal", appraisal.name, "stock_entry")
	invoice_of(deal.vehicle_item)
	appraisal.reload()
	assert appraisal.status == "In Stock" and appraisal.stock_entry

	accessories.reload()
	accessories.cancel()
	assert frappe.db.get_value("Stock Entry", appraisal.stock_entry, "docstatus") == 1
	assert frappe.db.get_value("Journal Entry", appraisal.journal_entry, "docstatus") == 1
	assert frappe.db.get_value("Trade-in Appraisal", appraisal.name, "status") == "In Stock"
