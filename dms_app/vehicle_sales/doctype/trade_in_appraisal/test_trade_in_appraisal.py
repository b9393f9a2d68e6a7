import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu


def test_vin_is_decoded_and_checklist_defaulted():
	appraisal = tu.make_appraisal(
		factories.make_customer(), vin=factories.make_vin(wmi="WVW", vds="ZZZAU", year_code="E"), submit=False
	)
	assert appraisal.manufacturer and appraisal.model_year == 2014
	assert len(appraisal.condition_items) == 10
	appraisal.condition_items[0].repair_estimate = 350
	appraisal.save()
	assert appraisal.reconditioning_estimate == 350
	appraisal.submit()
	assert appraisal.status == "Appraised"


def test_bad_vin_and_unrated_checklist_are_refused():
	with pytest.raises(frappe.ValidationError):
		tu.make_appraisal(factories.make_customer(), vin="NOT-A-VIN")
	appraisal = frappe.get_doc(
		{
			"doctype": "Trade-in Appraisal",
			"customer": factories.make_customer(),
			"vin": factories.make_vin(),
			"odometer": 1000,
			"appraised_value": 5000,
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="Rate every condition item"):
		appraisal.submit()


def test_trade_in_vin_already_in_stock_is_refused():
	vin = tu.stock_vehicle()
	with pytest.raises(frappe.ValidationError, match="already in the dealer's stock"):
		tu.make_appraisal(factories.make_customer(), vin=vin)
	assert not frappe.db.exists("Trade-in Appraisal", {"vin": vin})


def test_trade_in_that_entered_stock_meanwhile_fails_the_invoice_cleanly():
	"""Appraised while outside, then received by someone else before the sale: the invoice is refused
	and nothing (stock entry, journal, invoice) is left behind."""
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	from dms_app.vehicle_sales import deal as deal_logic

	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	customer = factories.make_customer()
	appraisal = tu.make_appraisal(customer, value=6000)
	deal = tu.make_deal(customer, tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name)
	deal_logic.make_quotation(deal.name).submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	factories.receive_vehicles([appraisal.vin], factories.make_vehicle_trim(make="Volkswagen", model="Golf"))
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	with pytest.raises(frappe.ValidationError, match="already in the dealer's stock"):
		invoice.submit()
	frappe.db.rollback()  # what the request does on the error


def test_one_appraisal_on_one_live_deal_only():
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	customer = factories.make_customer()
	appraisal = tu.make_appraisal(customer)
	tu.make_deal(customer, tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name)
	with pytest.raises(frappe.ValidationError, match="already used on deal"):
		tu.make_deal(customer, tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name)
	with pytest.raises(frappe.ValidationError, match="is for"):
		tu.make_deal(
			factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name
		)


def test_a_service_customers_car_traded_in_becomes_used_stock():
	"""The workshop already knows the car (a Customer vehicle): the trade-in turns it into used stock."""
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	from dms_app.vehicle_sales import deal as deal_logic

	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	customer = factories.make_customer()
	known = factories.make_vin(wmi="WVW", vds="ZZZAU", year_code="E")
	frappe.get_doc(
		{"doctype": "Motor Vehicle", "vin": known, "stock_type": "Customer", "customer": customer}
	).insert()
	assert frappe.db.get_value("Motor Vehicle", known, "status") == "In Service"
	appraisal = tu.make_appraisal(customer, vin=known, value=5500)
	deal = tu.make_deal(customer, tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name)
	deal_logic.make_quotation(deal.name).submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	vehicle = frappe.get_doc("Motor Vehicle", known)
	assert (vehicle.stock_type, vehicle.status, vehicle.landed_cost, vehicle.customer) == (
		"Used",
		"In Stock",
		5500,
		None,
	)


def test_an_expired_appraisal_cannot_be_put_on_a_deal():
	customer = factories.make_customer()
	appraisal = tu.make_appraisal(customer, submit=False)
	appraisal.appraisal_date = add_days(nowdate(), -20)
	appraisal.valid_until = add_days(nowdate(), -1)
	appraisal.save()
	appraisal.submit()
	with pytest.raises(frappe.ValidationError, match="expired"):
		tu.make_deal(customer, tu.stock_vehicle(), vehicle_price=30000, trade_in=appraisal.name)
