import frappe
import pytest

from dms_app.tests.factories import make_customer, make_vehicle_trim


def test_oem_customer_comes_from_the_make_or_is_required():
	make_vehicle_trim("Honda", "Accord")
	frappe.db.set_value("Vehicle Make", "Honda", "warranty_customer", None)
	if frappe.db.exists("Warranty OEM Terms", "Honda"):
		frappe.delete_doc("Warranty OEM Terms", "Honda")
	terms = frappe.get_doc({"doctype": "Warranty OEM Terms", "make": "Honda", "labour_rate": 100})
	with pytest.raises(frappe.ValidationError, match="OEM Customer"):
		terms.insert()
	oem = make_customer("Honda Warranty Payer")
	frappe.db.set_value("Vehicle Make", "Honda", "warranty_customer", oem)
	terms.insert()
	assert terms.oem_customer == oem and terms.submission_window_days == 30
