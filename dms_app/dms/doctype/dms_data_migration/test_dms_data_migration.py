"""DMS Data Migration: a dry run lists every bad row with its table, row number and reason and
writes nothing; a run upserts by natural key, so running the same file twice changes nothing;
Chinese headers in GB18030 and UTF-16 files; a malformed file writes nothing; managers only."""

import codecs
import random

import frappe
import pytest

from dms_app.api.data_exchange import dry_run_migration, run_migration
from dms_app.dms.doctype.dms_data_migration.dms_data_migration import execute, execute_job
from dms_app.tests import factories


def attach(content: bytes, name: str) -> str:
	return (
		frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
		.insert()
		.file_url
	)


def new_migration(content: bytes, name: str, **fields):
	return frappe.get_doc(
		{"doctype": "DMS Data Migration", "import_file": attach(content, name), **fields}
	).insert()


def vehicles_csv(customer: str, vins: list[str]) -> bytes:
	good, bad_odometer, bad_date, unknown_owner = vins
	return "\n".join(
		[
			"VIN,Owner,Registration Plate,Odometer,Last Service Date,Warranty Start Date",
			f"{good},{customer},AB-123,15000,2026-03-01,2024-05-20",
			f"{bad_odometer},{customer},,lots,,",
			f"{bad_date},{customer},,100,03/01/2026,",
			f"{unknown_owner},No Such Customer Ltd,,,,",
			",,,,,",
			f"{customer},{customer},,,,",  # not a VIN
		]
	).encode()


def test_dry_run_lists_every_bad_row_and_writes_nothing():
	customer = factories.make_customer()
	vins = [factories.make_vin() for _ in range(4)]
	doc = new_migration(vehicles_csv(customer, vins), "vehicles.csv")
	assert dry_run_migration(doc.name)["status"] == "Checked"
	doc.reload()
	assert [(r.table_name, r.created, r.failed) for r in doc.results] == [("vehicles", 1, 4)]
	reasons = {row.row_no: row.message for row in doc.errors}
	assert set(reasons) == {3, 4, 5, 7}
	assert "lots is not a number" in reasons[3]
	assert "03/01/2026 is not a date" in reasons[4]
	assert "No Such Customer Ltd does not exist" in reasons[5]
	assert reasons[7]  # the VIN validation's own message
	assert all(row.table_name == "vehicles" for row in doc.errors)
	for vin in vins:
		assert not frappe.db.exists("Motor Vehicle", vin)


def test_run_imports_clean_rows_and_a_rerun_changes_nothing():
	customer = factories.make_customer()
	vins = [factories.make_vin() for _ in range(4)]
	doc = new_migration(vehicles_csv(customer, vins), "vehicles.csv")
	assert run_migration(doc.name) == {"queued": True}
	assert frappe.db.get_value("DMS Data Migration", doc.name, "status") == "Queued"
	execute_job(doc.name)  # what the long queue runs
	doc.reload()
	assert doc.status == "Completed with Errors"
	assert [(r.created, r.updated, r.unchanged, r.failed) for r in doc.results] == [(1, 0, 0, 4)]
	vehicle = frappe.get_doc("Motor Vehicle", vins[0])
	assert (vehicle.stock_type, vehicle.status, vehicle.customer, vehicle.registration_plate) == (
		"Customer",
		"In Service",
		customer,
		"AB-123",
	)
	assert (vehicle.odometer, str(vehicle.last_service_date), str(vehicle.warranty_start_date)) == (
		15000,
		"2026-03-01",
		"2024-05-20",
	)
	assert not frappe.db.exists("Stock Ledger Entry", {"serial_no": vins[0]})
	modified = vehicle.modified

	execute(doc.name)
	doc.reload()
	assert [(r.created, r.updated, r.unchanged, r.failed) for r in doc.results] == [(0, 0, 1, 4)]
	assert frappe.db.get_value("Motor Vehicle", vins[0], "modified") == modified


def test_customers_by_mobile_and_vehicles_with_chinese_headers_in_gb18030_and_utf16():
	mobile = f"138{random.randrange(10**8):08d}"
	vin = factories.make_vin()
	customers = f"客户名称,手机号,客户类型\n王芳,{mobile},Individual\n".encode("gb18030")
	doc = new_migration(customers, "customers.csv")
	execute(doc.name)
	doc.reload()
	assert [(r.table_name, r.created, r.failed) for r in doc.results] == [("customers", 1, 0)], doc.errors
	customer = frappe.db.get_value("Customer", {"mobile_no": mobile}, "name")
	assert frappe.db.get_value("Customer", customer, "customer_name") == "王芳"

	# the owner by mobile number (no customer code in the file), UTF-16 with its BOM, tab-separated
	vehicles = (
		codecs.BOM_UTF16_LE
		+ f"车架号\t车主\t车牌号\t里程\t上次保养日期\t质保开始日期\n{vin}\t{mobile}\t沪A12345\t3000\t2026年3月1日\t2025-01-10\n".encode(
			"utf-16-le"
		)
	)
	doc = new_migration(vehicles, "车辆.txt", table="vehicles")
	execute(doc.name)
	doc.reload()
	assert [(r.created, r.failed) for r in doc.results] == [(1, 0)], [e.message for e in doc.errors]
	assert frappe.db.get_value(
		"Motor Vehicle", vin, ["customer", "registration_plate", "odometer", "last_service_date"]
	) == (customer, "沪A12345", 3000, frappe.utils.getdate("2026-03-01"))

	# the same customers file again: found by mobile, nothing changes
	doc = new_migration(customers, "customers.csv")
	execute(doc.name)
	doc.reload()
	assert [(r.created, r.updated, r.unchanged) for r in doc.results] == [(0, 0, 1)]


def test_a_malformed_file_is_refused_with_a_clear_message_and_writes_nothing():
	doc = new_migration(b"PK\x03\x04 this is no zip", "export.zip")
	with pytest.raises(frappe.ValidationError, match="not a zip archive"):
		dry_run_migration(doc.name)
	execute_job(doc.name)
	doc.reload()
	assert doc.status == "Failed" and "not a zip archive" in doc.errors[0].message

	binary = new_migration(bytes(range(256)) * 4, "customers.csv")
	with pytest.raises(frappe.ValidationError, match="not text"):
		dry_run_migration(binary.name)

	unknown = new_migration(b"a,b\n1,2\n", "stuff.csv")
	with pytest.raises(frappe.ValidationError, match="Choose the table"):
		dry_run_migration(unknown.name)


def test_only_managers_run_migrations():
	doc = new_migration(b"vin\n", "vehicles.csv")
	user = factories.make_user(roles=("Sales Manager", "Service Advisor"))
	frappe.set_user(user)
	for method in (dry_run_migration, run_migration):
		with pytest.raises(frappe.PermissionError):
			method(doc.name)
	# nor through REST: the DocType is the managers' only
	assert not frappe.has_permission("DMS Data Migration", "read")
	with pytest.raises(frappe.PermissionError):
		frappe.get_list("DMS Data Migration")
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc({"doctype": "DMS Data Migration", "import_file": doc.import_file}).insert()
