"""Bulk VIN import: bad rows are reported and never written, clean rows become vehicles."""

import frappe
import pytest

from dms_app.api.vehicles import import_vehicles
from dms_app.tests import factories


def attach(text: str, name: str = "vehicles.csv") -> str:
	file = frappe.get_doc(
		{"doctype": "File", "file_name": name, "content": text.encode(), "is_private": 1}
	).insert()
	return file.file_url


def new_import(text: str, **fields):
	return frappe.get_doc({"doctype": "Vehicle Import", "import_file": attach(text), **fields}).insert()


def test_customer_vehicles_import_only_the_clean_rows():
	customer = factories.make_customer()
	good, also_good, on_file = factories.make_vin(), factories.make_vin(), factories.make_vin()
	frappe.get_doc(
		{"doctype": "Motor Vehicle", "vin": on_file, "stock_type": "Customer", "customer": customer}
	).insert()
	bad = good[:5] + "Q" + good[6:]
	text = "\n".join(
		[
			"VIN,Registration Plate,Odometer,Customer",
			f"{good.lower()},AB-123,15000,",
			f"{bad},,,",
			f"{on_file},,,",
			f"{also_good},,abc,",
			f"{factories.make_vin()},,,No Such Customer",
		]
	)
	doc = new_import(text, stock_type="Customer", default_customer=customer)
	# the VIN on file with the same data is "Unchanged" (a re-run), neither imported nor an error
	assert (doc.status, doc.total_rows, doc.valid_rows, doc.error_rows) == ("Checked", 5, 1, 3)
	messages = {row.row_no: row.message for row in doc.rows}
	assert "Position 6" in messages[3]
	assert f"VIN {on_file} is already on file with the same data" in messages[4]
	assert "odometer abc" in messages[5]
	assert "customer No Such Customer does not exist" in messages[6]
	assert not frappe.db.exists("Motor Vehicle", good)  # checking writes no vehicle

	result = import_vehicles(doc.name)
	assert result == {"queued": False, "imported": 1, "errors": 3}
	vehicle = frappe.get_doc("Motor Vehicle", good)
	assert (vehicle.status, vehicle.customer, vehicle.registration_plate, vehicle.odometer) == (
		"In Service",
		customer,
		"AB-123",
		15000,
	)
	assert "Honda" in vehicle.manufacturer  # decoded on entry
	assert not frappe.db.exists("Motor Vehicle", also_good)
	doc.reload()
	assert doc.status == "Partly Imported" and doc.rows[0].vehicle == good

	with pytest.raises(frappe.ValidationError, match="No rows are left"):
		import_vehicles(doc.name)


def test_new_vehicles_need_a_trim_and_wait_as_ordered():
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	with_trim, without = factories.make_vin(), factories.make_vin()
	doc = new_import(f"vin,trim,colour\n{with_trim},{trim},Blue\n{without},,\n", stock_type="New")
	assert [row.row_status for row in doc.rows] == ["Valid", "Error"]
	assert "need a trim" in doc.rows[1].message
	import_vehicles(doc.name)
	vehicle = frappe.get_doc("Motor Vehicle", with_trim)
	assert (vehicle.status, vehicle.trim, vehicle.colour, vehicle.item) == (
		"Ordered",
		trim,
		"Blue",
		frappe.db.get_value("Vehicle Trim", trim, "item"),
	)
	# the imported VIN is then received through ERPNext like any ordered vehicle
	factories.receive_vehicles([with_trim], trim)
	assert frappe.db.get_value("Motor Vehicle", with_trim, "status") == "In Stock"


def test_a_vin_entered_meanwhile_fails_alone_at_import():
	customer = factories.make_customer()
	first, second = factories.make_vin(), factories.make_vin()
	doc = new_import(f"vin\n{first}\n{second}\n", stock_type="Customer", default_customer=customer)
	frappe.get_doc(
		{"doctype": "Motor Vehicle", "vin": second, "stock_type": "Customer", "customer": customer}
	).insert()
	assert import_vehicles(doc.name) == {"queued": False, "imported": 1, "errors": 1}
	doc.reload()
	assert doc.rows[1].row_status == "Error" and second in doc.rows[1].message
	assert frappe.db.get_value("Motor Vehicle", second, "owner") == "Administrator"


def test_an_unreadable_file_is_refused_whole():
	with pytest.raises(frappe.ValidationError, match="Unknown columns: plate number"):
		new_import("vin,plate number\nx,y\n", stock_type="Customer")
	assert not frappe.db.exists("Vehicle Import", {"import_file": ("like", "%vehicles%"), "total_rows": 2})


def test_a_technician_cannot_import_vehicles():
	customer = factories.make_customer()
	doc = new_import(f"vin\n{factories.make_vin()}\n", stock_type="Customer", default_customer=customer)
	frappe.set_user(factories.make_user(roles=("Technician",)))
	with pytest.raises(frappe.PermissionError):
		import_vehicles(doc.name)


def test_the_import_is_titled_with_the_files_name_and_reports_check_digit_warnings():
	customer = factories.make_customer()
	text = "VIN,Customer\nJTDKB3FU2S3912346,\n"
	doc = frappe.get_doc(
		{
			"doctype": "Vehicle Import",
			"import_file": attach(text, name="july_customers.csv"),
			"stock_type": "Customer",
			"default_customer": customer,
		}
	).insert()
	assert doc.title == "july_customers.csv"
	assert frappe.get_meta("Vehicle Import").title_field == "title"
	row = doc.rows[0]
	# a wrong check digit does not stop the row, but the row says so
	assert row.row_status == "Valid" and doc.error_rows == 0
	assert row.message and "Warning" in row.message and "check digit" in row.message.lower()
