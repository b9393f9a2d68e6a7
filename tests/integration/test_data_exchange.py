"""The full export (a zip of CSV with BOM, JSON and the schema) and the round trip: export, remove,
import the zip with the migration, and the records and their key fields are as they were; a second
run changes nothing; on another site (the Chinese dealer's) the same zip makes the same records."""

import csv
import io
import json
import os
import zipfile

import frappe
import pytest

from dms_app.api.data_exchange import export_all_data
from dms_app.data_exchange import export
from dms_app.data_exchange.migration import migrate
from dms_app.tests import data_exchange, factories


def read_zip(content: bytes) -> zipfile.ZipFile:
	return zipfile.ZipFile(io.BytesIO(content))


def test_export_writes_every_table_as_csv_with_bom_and_json_with_a_schema():
	data = data_exchange.make_dealer_data()
	archive = read_zip(data_exchange.export_bytes())
	names = set(archive.namelist())
	for table in (
		"customers",
		"contacts",
		"addresses",
		"vehicles",
		"repair_orders",
		"repair_orders_jobs",
		"repair_orders_labour",
		"service_appointments",
		"oem_warranty_claims",
		"vehicle_deals",
		"vehicle_deals_items",
		"oem_vehicle_orders",
		"oem_vehicle_orders_units",
		"labour_operations",
	):
		assert {f"{table}.csv", f"{table}.json"} <= names, table
	assert {"schema.json", "SCHEMA.md"} <= names

	raw = archive.read("vehicles.csv")
	assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Chinese plate
	rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
	mine = {row["vin"]: row for row in rows if row["vin"] in data["vins"]}
	assert mine[data["vins"][0]]["registration_plate"].startswith("沪A")
	assert mine[data["vins"][0]]["odometer"] == "42000"
	assert mine[data["vins"][0]]["warranty_start_date"] == "2024-05-20"
	as_json = {
		row["vin"]: row for row in json.loads(archive.read("vehicles.json")) if row["vin"] in data["vins"]
	}
	assert as_json[data["vins"][0]]["odometer"] == 42000

	jobs = json.loads(archive.read("repair_orders_jobs.json"))
	assert any(job["parent"] == data["repair_order"] for job in jobs)
	contacts = json.loads(archive.read("contacts.json"))
	assert any(row["name"] == data["contact"] and row["customer"] == data["customers"][1] for row in contacts)

	schema = {table["table"]: table for table in json.loads(archive.read("schema.json"))["tables"]}
	assert schema["vehicles"]["doctype"] == "Motor Vehicle"
	assert schema["vehicles"]["natural_key"] == ["vin"]
	assert schema["repair_orders_jobs"]["parent_table"] == "repair_orders"
	columns = {column["fieldname"]: column for column in schema["vehicles"]["columns"]}
	assert columns["registration_plate"]["label"] == "Registration Plate"
	assert columns["registration_plate"]["label_zh"]  # the Chinese label, from the translations
	# one definition: the columns are the DocType's own fields
	meta_fields = {
		df.fieldname
		for df in frappe.get_meta("Motor Vehicle").fields
		if df.fieldtype not in frappe.model.no_value_fields
	}
	assert meta_fields <= set(columns)
	assert "## vehicles" in archive.read("SCHEMA.md").decode()


def test_round_trip_export_remove_import_gives_the_same_records_and_a_rerun_changes_nothing():
	frappe.db.savepoint("before_dealer_data")
	data = data_exchange.make_dealer_data()
	before = data_exchange.snapshot(data)
	content = data_exchange.export_bytes()
	frappe.db.rollback(save_point="before_dealer_data")
	assert not frappe.db.exists("Motor Vehicle", data["vins"][0])
	assert not frappe.db.exists("Customer", data["customers"][0])

	first = migrate("export.zip", content)
	assert data_exchange.snapshot(data) == before
	mine = [
		message
		for message in first.errors
		if any(key in message[2] for key in (*data["customers"], *data["vins"]))
	]
	assert not mine, mine
	assert first.counts["vehicles"]["created"] >= 2 and first.counts["customers"]["created"] >= 2

	second = migrate("export.zip", content)
	for table, counts in second.counts.items():
		assert counts["created"] == counts["updated"] == 0, (table, counts, second.errors[:5])
	assert data_exchange.snapshot(data) == before


def test_the_zip_imports_into_another_site_with_the_same_key_fields(tmp_path):
	site = os.environ.get("DMS_CN_TEST_SITE") or f"cn.{frappe.local.site}"
	if not os.path.isdir(os.path.join(frappe.local.sites_path, site)):
		pytest.skip(f"no site {site}")
	data = data_exchange.make_dealer_data()
	before = data_exchange.snapshot(data)
	path = tmp_path / "export.zip"
	path.write_bytes(data_exchange.export_bytes())
	result = data_exchange.import_on_site(site, str(path), data)
	after = result["snapshot"]
	assert after["vehicles"] == before["vehicles"], result["errors"][:20]
	assert after["customers"] == before["customers"]
	assert after["contact"] == before["contact"]
	assert after["contact_links"] == before["contact_links"]
	assert after["address"] == before["address"]


def test_only_managers_export(monkeypatch):
	user = factories.make_user(roles=("Sales Manager", "Service Manager"))
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		export_all_data()
	with pytest.raises(frappe.PermissionError):
		export.run_export()
	frappe.set_user("Administrator")
	manager = factories.make_user(roles=("DMS Manager",))
	frappe.set_user(manager)
	assert export_all_data() == {"queued": True}  # enqueued after commit: the test rolls back


def test_the_export_job_attaches_a_private_zip_to_dms_settings_and_notifies():
	url = export.run_export()
	file = frappe.get_doc("File", {"file_url": url})
	try:
		assert (file.is_private, file.attached_to_doctype, file.attached_to_name) == (
			1,
			"DMS Settings",
			"DMS Settings",
		)
		assert "vehicles.csv" in read_zip(file.get_content()).namelist()
		assert frappe.db.exists(
			"Notification Log",
			{
				"for_user": "Administrator",
				"document_type": "DMS Settings",
				"subject": ("like", "%DMS data export%"),
			},
		)
	finally:
		file.delete()
