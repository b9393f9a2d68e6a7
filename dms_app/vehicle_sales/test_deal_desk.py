"""A Vehicle Deal made the way the desk makes it: the form fills the vehicle and taxes, the server agrees."""

import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

from dms_app.api import sales as sales_api
from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import deal as deal_logic


@pytest.fixture
def limits():
	frappe.db.set_single_value("DMS Settings", {"max_discount_percent": 5, "max_discount_amount": 0})


@pytest.fixture
def default_tax():
	"""A 10 % template made the company's default, as the demo's "US ST 6%" is."""
	name = tu.tax_template(10)
	template = frappe.get_doc("Sales Taxes and Charges Template", name)
	template.is_default = 1
	template.save()
	return name


def test_the_vehicle_fields_fetch_from_the_vin_and_trim():
	meta = frappe.get_meta("Vehicle Deal")
	assert meta.get_field("trim").fetch_from == "vin.trim"
	assert meta.get_field("model").fetch_from == "trim.model"
	assert meta.get_field("vehicle_item").fetch_from == "trim.item"
	assert meta.get_field("colour").fetch_from == "vin.colour"


def test_choosing_the_vin_gives_the_form_trim_colour_and_price():
	trim = factories.make_vehicle_trim(list_price=32000)
	vin = tu.stock_vehicle(trim=trim)
	frappe.db.set_value("Motor Vehicle", vin, {"colour": "Crystal Black", "list_price": 33500})
	values = sales_api.deal_vehicle("Stock Vehicle", vin=vin)
	assert values["trim"] == trim
	assert values["model"] == frappe.db.get_value("Vehicle Trim", trim, "model")
	assert values["vehicle_item"] == frappe.db.get_value("Motor Vehicle", vin, "item")
	assert values["colour"] == "Crystal Black"
	assert values["list_price"] == 33500
	# a vehicle without its own list price sells at its trim's, as the server prices it
	frappe.db.set_value("Motor Vehicle", vin, "list_price", 0)
	assert sales_api.deal_vehicle("Stock Vehicle", vin=vin)["list_price"] == 32000
	# a factory order takes the trim's values
	values = sales_api.deal_vehicle("Factory Order", trim=trim)
	assert values["list_price"] == 32000 and values["vehicle_item"]


def test_a_deal_inserted_without_price_or_vehicle_details_is_filled_before_the_mandatory_check(limits):
	trim = factories.make_vehicle_trim(list_price=32000)
	vin = tu.stock_vehicle(trim=trim)
	frappe.db.set_value("Motor Vehicle", vin, "colour", "Lunar Silver")
	# what a REST client (or the desk form before this fix) sends: only the VIN, no price
	deal = frappe.get_doc(
		"Vehicle Deal",
		frappe.client.insert(
			{
				"doctype": "Vehicle Deal",
				"company": factories.default_company(),
				"customer": factories.make_customer(),
				"deal_type": "Stock Vehicle",
				"vin": vin,
				"sales_person": "Administrator",
				"transaction_date": frappe.utils.nowdate(),
			}
		)["name"],
	)
	expected_price = frappe.db.get_value("Motor Vehicle", vin, "list_price")
	assert expected_price
	assert deal.vehicle_price == deal.list_price == expected_price
	assert deal.trim == trim and deal.colour == "Lunar Silver" and deal.vehicle_item and deal.model


def test_a_factory_order_needs_its_trim(limits):
	with pytest.raises(frappe.ValidationError, match="trim"):
		tu.make_deal(factories.make_customer())


def test_a_new_deal_takes_the_companys_default_sales_taxes(limits, default_tax):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000)
	assert deal.taxes_and_charges == default_tax
	assert deal.total_taxes == 3000
	# a template the user chose is kept
	other = tu.tax_template(5)
	chosen = tu.make_deal(
		factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000, taxes_and_charges=other
	)
	assert chosen.taxes_and_charges == other and chosen.total_taxes == 1500


def test_quotation_order_and_invoice_of_a_deal_carry_the_tax(limits, default_tax):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000)
	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.taxes_and_charges == default_tax
	assert quotation.total_taxes_and_charges == deal.total_taxes == 3000
	quotation.submit()
	order = deal_logic.make_sales_order(deal.name)
	assert order.taxes_and_charges == default_tax and order.total_taxes_and_charges == 3000
	order.submit()
	invoice = make_sales_invoice(order.name)
	assert invoice.taxes_and_charges == default_tax
	assert sum(tax.tax_amount for tax in invoice.taxes) == 3000


def test_a_deal_saved_without_taxes_still_quotes_with_the_default(limits, default_tax):
	deal = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000)
	frappe.db.set_value("Vehicle Deal", deal.name, "taxes_and_charges", None)  # a deal from before
	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.taxes_and_charges == default_tax and quotation.total_taxes_and_charges == 3000
