import frappe
import pytest
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note
from frappe.utils import getdate

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu


@pytest.fixture(autouse=True)
def require_pdi():
	frappe.db.set_single_value("DMS Settings", "require_pdi_before_delivery", 1)


def test_checklist_comes_from_the_template_and_sets_the_vehicle():
	vin = tu.stock_vehicle()
	pdi = frappe.get_doc({"doctype": "PDI Checklist", "vin": vin}).insert()
	assert pdi.template == "Standard PDI" and len(pdi.items) >= 10
	assert pdi.result == "Pending"
	with pytest.raises(frappe.ValidationError, match="every check"):
		pdi.submit()
	pdi.reload()
	for row in pdi.items:
		row.result = "Pass"
	pdi.items[0].result = "Fail"
	pdi.save()
	pdi.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, "pdi_status") == "Failed"
	passed = tu.pass_pdi(vin)
	assert frappe.db.get_value("Motor Vehicle", vin, ["pdi_status", "pdi_date"]) == (
		"Passed",
		getdate(passed.inspection_date),
	)
	passed.cancel()
	assert frappe.db.get_value("Motor Vehicle", vin, "pdi_status") == "Failed"


def test_delivery_note_refused_until_pdi_passed():
	vin = tu.stock_vehicle()
	order = factories.make_sales_order(factories.make_customer(), vin)
	note = make_delivery_note(order.name)
	note.insert()
	with pytest.raises(frappe.ValidationError, match="pre-delivery inspection"):
		note.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Reserved"
	tu.pass_pdi(vin)
	note.reload()
	note.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Delivered"


def test_stock_updating_invoice_is_checked_too():
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	vin = tu.stock_vehicle()
	order = factories.make_sales_order(factories.make_customer(), vin)
	invoice = make_sales_invoice(order.name)
	invoice.update_stock = 1
	invoice.insert()
	with pytest.raises(frappe.ValidationError, match="pre-delivery inspection"):
		invoice.submit()


def test_setting_switches_the_pdi_check_off():
	frappe.db.set_single_value("DMS Settings", "require_pdi_before_delivery", 0)
	vin = tu.stock_vehicle()
	order = factories.make_sales_order(factories.make_customer(), vin)
	note = make_delivery_note(order.name)
	note.insert()
	note.submit()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Delivered"


def test_handover_needs_a_submitted_delivery_of_that_vin():
	vin = tu.stock_vehicle()
	order = factories.make_sales_order(factories.make_customer(), vin)
	note = make_delivery_note(order.name)
	note.insert()
	with pytest.raises(frappe.ValidationError, match="must be submitted"):
		frappe.get_doc({"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": vin}).insert()
	tu.pass_pdi(vin)
	note.reload()
	note.submit()
	with pytest.raises(frappe.ValidationError, match="is not on Delivery Note"):
		frappe.get_doc(
			{"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": tu.stock_vehicle()}
		).insert()
	frappe.get_doc({"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": vin}).insert().submit()
	with pytest.raises(frappe.ValidationError, match="already handed over"):
		frappe.get_doc({"doctype": "Vehicle Handover", "delivery_note": note.name, "vin": vin}).insert()


def test_delivery_hands_over_the_orders_vin_not_the_first_in_stock():
	trim = factories.make_vehicle_trim()
	first, ordered = factories.make_vin(), factories.make_vin()
	factories.receive_vehicles([first, ordered], trim)
	order = factories.make_sales_order(factories.make_customer(), ordered)
	tu.pass_pdi(ordered)
	note = make_delivery_note(order.name)
	note.insert()
	note.submit()
	assert frappe.db.get_value("Motor Vehicle", ordered, "status") == "Delivered"
	assert frappe.db.get_value("Motor Vehicle", first, "status") == "In Stock"
