"""Parts orders: stock orders from reorder suggestions (Material Requests), urgent (VOR) orders tied
to a repair order, back-orders, and part supersession followed on orders and sales."""

import frappe
import pytest
from frappe.utils import add_days, flt, nowdate

from dms_app.oem_orders import parts
from dms_app.oem_orders.report.parts_back_orders import parts_back_orders
from dms_app.tests import factories


def part(**fields):
	return factories.make_item(item_group="Parts", valuation_rate=10, **fields)


def supersede(old, new):
	item = frappe.get_doc("Item", old)
	item.superseded_by = new
	item.save()


def test_an_order_for_a_superseded_part_follows_the_chain_to_the_current_part():
	a, b, c = part(), part(), part()
	supersede(a, b)
	supersede(b, c)
	order = parts.make_parts_order(factories.make_supplier(), [{"item_code": a, "qty": 2, "rate": 9}])
	order.insert()
	assert [(row.item_code, row.qty) for row in order.items] == [(c, 2)]
	typed = frappe.copy_doc(order)
	typed.items[0].item_code = a
	frappe.clear_messages()
	typed.insert()  # an order typed by hand is corrected too, with a message saying so
	assert any(f"ordering {c} instead" in str(m) for m in frappe.get_message_log())
	assert typed.items[0].item_code == c and typed.items[0].item_name == frappe.db.get_value(
		"Item", c, "item_name"
	)


def test_supersession_loops_and_self_references_are_refused():
	a, b, c = part(), part(), part()
	supersede(a, b)
	supersede(b, c)
	with pytest.raises(frappe.ValidationError, match="chain comes back"):
		supersede(c, a)
	with pytest.raises(frappe.ValidationError, match="cannot supersede itself"):
		supersede(a, a)
	assert frappe.db.get_value("Item", c, "superseded_by") is None


def test_selling_a_superseded_part_sells_old_stock_first_then_the_current_part():
	from dms_app.tests.repair_orders import make_part

	old = make_part(qty=1, rate=10)
	new = part()
	supersede(old, new)
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")

	def order(qty):
		return frappe.get_doc(
			{
				"doctype": "Sales Order",
				"customer": factories.make_customer(),
				"company": factories.default_company(),
				"delivery_date": add_days(nowdate(), 2),
				"items": [{"item_code": old, "qty": qty, "rate": 20, "warehouse": warehouse}],
			}
		).insert()

	assert order(1).items[0].item_code == old  # the last one in stock is sold first (with a warning)
	assert order(2).items[0].item_code == new  # not enough old stock: the current part


def test_stock_order_from_material_requests_links_them_as_ordered():
	a, b = part(), part()
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	request = frappe.get_doc(
		{
			"doctype": "Material Request",
			"material_request_type": "Purchase",
			"company": factories.default_company(),
			"schedule_date": add_days(nowdate(), 3),
			"items": [
				{"item_code": a, "qty": 4, "warehouse": warehouse, "schedule_date": add_days(nowdate(), 3)},
				{"item_code": b, "qty": 6, "warehouse": warehouse, "schedule_date": add_days(nowdate(), 3)},
			],
		}
	).insert()
	request.submit()
	order = parts.make_parts_order(
		factories.make_supplier(), [*parts.material_request_items([request.name]), {"item_code": a, "qty": 1}]
	)
	order.insert()
	order.submit()
	assert order.parts_order_type == "Stock"
	assert sorted((row.item_code, row.qty, bool(row.material_request)) for row in order.items) == sorted(
		[(a, 4, True), (b, 6, True), (a, 1, False)]
	)
	assert flt(frappe.db.get_value("Material Request", request.name, "per_ordered")) == 100
	with pytest.raises(frappe.ValidationError, match="above zero"):
		parts.make_parts_order(factories.make_supplier(), [{"item_code": a, "qty": 0}])


def test_urgent_vor_order_needs_and_keeps_its_repair_order():
	if not frappe.get_meta("Purchase Order").has_field("repair_order"):
		pytest.skip("Repair Order doctype not installed")
	from dms_app.tests.repair_orders import make_repair_order

	a = part()
	supplier = factories.make_supplier()
	with pytest.raises(frappe.ValidationError, match="needs the repair order"):
		parts.make_parts_order(supplier, [{"item_code": a, "qty": 1, "rate": 5}], "Urgent (VOR)").insert()
	repair_order = make_repair_order()
	order = parts.make_parts_order(
		supplier, [{"item_code": a, "qty": 1, "rate": 5}], "Urgent (VOR)", repair_order=repair_order.name
	)
	order.insert()
	order.submit()
	assert frappe.db.get_value("Purchase Order", order.name, ["parts_order_type", "repair_order"]) == (
		"Urgent (VOR)",
		repair_order.name,
	)
	assert order.schedule_date == frappe.utils.getdate(add_days(nowdate(), 1))


def test_back_orders_are_lines_past_their_schedule_date_not_received():
	a = part()
	order = parts.make_parts_order(factories.make_supplier(), [{"item_code": a, "qty": 3, "rate": 5}])
	order.transaction_date = add_days(nowdate(), -20)
	order.schedule_date = order.items[0].schedule_date = add_days(nowdate(), -10)
	order.insert()
	order.submit()
	_columns, rows = parts_back_orders.execute({"parts_only": 1})
	row = next(r for r in rows if r.purchase_order == order.name)
	assert (row.item_code, flt(row.pending_qty), row.days_overdue) == (a, 3, 10)


def test_a_requested_part_superseded_since_is_ordered_as_the_current_part():
	old, new = part(), part()
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	request = frappe.get_doc(
		{
			"doctype": "Material Request",
			"material_request_type": "Purchase",
			"company": factories.default_company(),
			"schedule_date": add_days(nowdate(), 3),
			"items": [
				{"item_code": old, "qty": 2, "warehouse": warehouse, "schedule_date": add_days(nowdate(), 3)}
			],
		}
	).insert()
	request.submit()
	supersede(old, new)
	order = parts.make_parts_order(factories.make_supplier(), parts.material_request_items([request.name]))
	order.insert()
	assert [(row.item_code, row.qty, row.material_request) for row in order.items] == [(new, 2, None)]
