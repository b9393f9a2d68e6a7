"""KPI reports checked against hand-computed figures on fixed data."""

import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.utils import add_days, nowdate, random_string

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import deal as deal_logic


def run(report: str, **filters):
	module = frappe.get_module(f"dms_app.vehicle_sales.report.{frappe.scrub(report)}.{frappe.scrub(report)}")
	_columns, data, _message, _chart, summary = module.execute(
		{"company": factories.default_company(), **filters}
	)
	return data, {s["label"]: s["value"] for s in summary}


def receive(vins, trim, rate, days_ago):
	item = frappe.db.get_value("Vehicle Trim", trim, "item")
	receipt = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": factories.make_supplier("Test OEM Distributor"),
			"company": factories.default_company(),
			"set_posting_time": 1,
			"posting_date": add_days(nowdate(), -days_ago),
			"items": [
				{
					"item_code": item,
					"qty": len(vins),
					"rate": rate,
					"warehouse": frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse"),
					"serial_no": "\n".join(vins),
				}
			],
		}
	).insert()
	receipt.submit()


def sell(vin, customer, rate, extra_items=()):
	order = factories.make_sales_order(customer, vin, rate=rate, submit=False)
	for row in extra_items:
		order.append("items", {**row, "delivery_date": order.delivery_date})
	order.insert() if order.is_new() else order.save()
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.insert()
	invoice.submit()
	return order


@pytest.fixture(scope="module")
def model_stock(module_transaction):
	"""Model X: two in stock at 20,000 since 20 days, one more at 22,000 today; one of the first
	two sold and delivered today at 26,000 with 1,200 of F&I; one sold to a fleet, not delivered.
	Built once for the module: each test rolls back to it (conftest.py)."""
	frappe.db.set_single_value(
		"DMS Settings", {"require_pdi_before_delivery": 0, "fleet_customer_group": "Commercial"}
	)
	trim = factories.make_vehicle_trim(make=f"Mk{random_string(4)}", model="X")
	old = [factories.make_vin(), factories.make_vin()]
	receive(old, trim, 20000, days_ago=20)
	new = factories.make_vin()
	receive([new], trim, 22000, days_ago=0)
	fi_item = factories.make_item(item_group="F&I Products", is_stock_item=0)
	order = sell(old[0], factories.make_customer(), 26000, [{"item_code": fi_item, "qty": 1, "rate": 1200}])
	make_delivery_note(order.name).insert().submit()
	fleet = factories.make_customer(customer_group="Commercial", customer_type="Company")
	sell(new, fleet, 23000)
	module_transaction.keep()
	return frappe._dict(trim=trim, model=frappe.db.get_value("Vehicle Trim", trim, "model"), old=old, new=new)


def test_inventory_turn_and_days_supply(model_stock):
	data, _summary = run(
		"Vehicle Inventory Turn and Days Supply", from_date=add_days(nowdate(), -10), to_date=nowdate()
	)
	row = next(r for r in data if r["model"] == model_stock.model)
	assert row["in_stock"] == 1  # one delivered; the fleet car is sold (invoiced), though still here
	assert row["sold_30"] == 2
	assert row["days_supply"] == 15  # 1 ÷ (2 ÷ 30)
	assert (row["opening"], row["closing"], row["cogs"]) == (40000, 42000, 20000)
	assert row["inventory_turn"] == 0.49  # 20,000 ÷ 41,000


def test_stock_value_card_and_report_agree(model_stock):
	"""One answer for the vehicle stock value (docs/kpis.md): the workspace's Vehicle Stock Value card
	is the report's Closing Inventory for the same company and date, both inventory.stock_value; the
	fleet car, invoiced but not delivered, is still in it at cost."""
	from dms_app.vehicles import inventory

	company = factories.default_company()
	card = frappe.get_doc("Number Card", "Vehicle Stock Value")
	assert card.type == "Custom"
	value = frappe.get_attr(card.method)(filters={"company": company})
	assert value["route"] == ["query-report", "Vehicle Inventory Turn and Days Supply"]
	assert value["route_options"] == {"company": company, "to_date": nowdate()}

	data, summary = run("Vehicle Inventory Turn and Days Supply", to_date=nowdate())
	assert value["value"] == summary["Closing Inventory"] == round(sum(r["closing"] for r in data), 2)
	assert value["value"] == round(sum(inventory.stock_value(company, nowdate()).values()), 2)
	row = next(r for r in data if r["model"] == model_stock.model)
	assert (row["in_stock"], row["closing"]) == (1, 42000)


def test_gross_per_vehicle_retailed(model_stock):
	data, summary = run("Gross per Vehicle Retailed", from_date=nowdate(), to_date=nowdate())
	retail = next(r for r in data if r["vin"] == model_stock.old[0])
	assert (retail["revenue"], retail["cost"], retail["vehicle_gross"], retail["fi_gross"]) == (
		26000,
		20000,
		6000,
		1200,
	)
	assert retail["fleet"] == 0 and retail["cost_source"] == "Stock ledger"
	fleet = next(r for r in data if r["vin"] == model_stock.new)
	assert fleet["fleet"] == 1 and fleet["cost"] == 22000  # landed cost: not delivered yet
	ours = [r for r in data if not r["fleet"]]
	expected = sum(r["total_gross"] for r in ours) / len(ours)
	assert summary["Gross per vehicle retailed"] == round(expected, 2)


def test_lead_conversion_rate():
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	owner = factories.make_user(roles=("Sales Consultant", "Sales User"))
	leads = [tu.make_lead(owner=owner) for _ in range(4)]
	deal = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), lead=leads[0], vehicle_price=30000)
	deal_logic.make_quotation(deal.name).submit()
	deal_logic.make_sales_order(deal.name).submit()
	data, _summary = run("Lead Conversion Rate", from_date=nowdate(), to_date=nowdate())
	row = next(r for r in data if r["owner"] == owner)
	assert (row["leads"], row["converted"], row["conversion_rate"]) == (4, 1, 25)


def test_service_absorption():
	company = factories.default_company()
	abbr = frappe.get_cached_value("Company", company, "abbr")
	cost_center = frappe.get_cached_value("Company", company, "cost_center")

	def account(name, parent):
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": name,
				"company": company,
				"parent_account": frappe.db.get_value(
					"Account", {"company": company, "account_name": parent}
				),
			}
		).insert()
		return f"{name} - {abbr}"

	tag = random_string(4)
	income = account(f"Service Labour {tag}", "Direct Income")
	cost = account(f"Service COGS {tag}", "Direct Expenses")
	rent = account(f"Rent {tag}", "Indirect Expenses")
	cash = frappe.get_cached_value("Company", company, "default_cash_account")
	journal = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": company,
			"posting_date": nowdate(),
			"accounts": [
				{"account": income, "credit_in_account_currency": 10000, "cost_center": cost_center},
				{"account": cost, "debit_in_account_currency": 4000, "cost_center": cost_center},
				{"account": rent, "debit_in_account_currency": 8000, "cost_center": cost_center},
				{"account": cash, "credit_in_account_currency": 2000},
			],
		}
	).insert()
	journal.submit()
	settings = frappe.get_single("DMS Settings")
	settings.set("fixed_operations_income_accounts", [{"account": income}])
	settings.set("fixed_operations_cost_accounts", [{"account": cost}])
	settings.set("fixed_overhead_accounts", [{"account": rent}])
	settings.save()
	data, summary = run("Service Absorption", from_date=nowdate(), to_date=nowdate())
	assert [r["amount"] for r in data] == [10000, 4000, 8000]
	assert summary["Service absorption %"] == 75  # (10,000 - 4,000) ÷ 8,000


def test_parts_fill_rate():
	group = frappe.db.get_single_value("DMS Settings", "parts_item_group")
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	part = factories.make_item(item_group=group, valuation_rate=10)
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"company": factories.default_company(),
			"set_posting_time": 1,
			"posting_date": add_days(nowdate(), -1),
			"items": [{"item_code": part, "qty": 5, "basic_rate": 10, "t_warehouse": warehouse}],
		}
	).insert()
	entry.submit()
	customer = factories.make_customer()
	for qty in (3, 10):  # 3 of 5 on hand: filled; 10: not
		frappe.get_doc(
			{
				"doctype": "Sales Order",
				"customer": customer,
				"company": factories.default_company(),
				"delivery_date": add_days(nowdate(), 2),
				"items": [{"item_code": part, "qty": qty, "rate": 20, "warehouse": warehouse}],
			}
		).insert().submit()
	data, _summary = run("Parts Fill Rate", from_date=nowdate(), to_date=nowdate())
	row = next(r for r in data if r["item_code"] == part)
	assert (row["demanded"], row["filled"], row["fill_rate"]) == (2, 1, 50)


def test_parts_fill_rate_counts_repair_order_part_lines():
	from dms_app.tests import repair_orders as rot

	part = rot.make_part(qty=5)
	rot.make_repair_order(
		jobs=[{"job_no": 1, "concern": "Worn wiper blades", "pay_type": "Internal"}],
		labour=[],
		parts=[
			{"job_no": 1, "item_code": part, "qty": 2, "pay_type": "Internal"},  # 2 of 5 on hand: filled
			{"job_no": 1, "item_code": part, "qty": 8, "pay_type": "Internal"},  # 8: not
		],
	)
	data, _summary = run("Parts Fill Rate", from_date=nowdate(), to_date=nowdate())
	row = next(r for r in data if r["item_code"] == part)
	assert (row["demanded"], row["filled"], row["fill_rate"]) == (2, 1, 50)


def test_stock_counts_and_days_supply_agree_everywhere(model_stock):
	"""One answer for vehicles in stock, units sold and days supply (docs/kpis.md): the workspace
	card, Vehicle Ageing and both days-supply reports; an OEM warranty invoice naming a VIN is no sale."""
	from frappe.desk.doctype.number_card.number_card import get_result

	from dms_app.oem_orders.report.days_supply_by_model import days_supply_by_model
	from dms_app.vehicles import inventory
	from dms_app.vehicles.report.vehicle_ageing import vehicle_ageing

	company = factories.default_company()
	oem_claim = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": factories.make_customer(),
			"company": company,
			"items": [
				{
					"item_code": factories.make_item(is_stock_item=0),
					"qty": 1,
					"rate": 129.8,
					"vin": model_stock.old[1],
				}
			],
		}
	).insert()
	oem_claim.submit()

	card = frappe.get_doc("Number Card", "Vehicles In Stock")
	in_stock = sum(inventory.units_in_stock(company, nowdate()).values())
	assert get_result(card, card.filters_json) == in_stock
	assert len(vehicle_ageing.execute({"company": company})[1]) == in_stock

	turn, _summary = run("Vehicle Inventory Turn and Days Supply", to_date=nowdate())
	oem = days_supply_by_model.execute({"company": company})[1]
	turn_row = next(r for r in turn if r["model"] == model_stock.model)
	oem_row = next(r for r in oem if r["model"] == model_stock.model)
	assert (turn_row["in_stock"], turn_row["sold_30"]) == (oem_row["in_stock"], oem_row["sold_30"]) == (1, 2)
	assert turn_row["days_supply"] == oem_row["days_supply"] == 15

	retailed, _summary = run("Gross per Vehicle Retailed", from_date=nowdate(), to_date=nowdate())
	assert oem_claim.name not in {r["invoice"] for r in retailed}
