"""The export zip (dms_app/data_exchange/archive.py): CSV with BOM and JSON per table, streamed,
with schema.json and SCHEMA.md."""

import csv
import io
import json
import tracemalloc
import zipfile
from datetime import date, datetime
from decimal import Decimal

from dms_app.data_exchange.archive import Column, ExportArchive, TableSchema
from dms_app.data_exchange.tables import TABLES, Table, child_tables


def schema(name="vehicles", rows=0):
	return TableSchema(
		table=name,
		doctype="Motor Vehicle",
		natural_key=["vin"],
		columns=[
			Column("vin", "Data", "VIN", "车架号"),
			Column("registration_plate", "Data", "Registration Plate", "车牌号"),
			Column("odometer", "Int", "Odometer", "里程"),
			Column("odometer_unit", "Select", "Odometer Unit", "", "km\nmi"),
			Column("warranty_start_date", "Date", "Warranty Start Date", "质保开始日期"),
			Column("list_price", "Currency", "List Price", ""),
		],
	)


def test_each_table_is_csv_with_bom_and_json_and_the_schema_describes_it():
	buffer = io.BytesIO()
	with ExportArchive(buffer, {"site": "x"}) as archive:
		count = archive.write_table(
			schema(),
			[
				("LSVAB4BR5JN000001", "沪A12345", 42000, "km", date(2024, 5, 20), Decimal("189000.00")),
				("LSVAB4BR5JN000002", None, None, "km", None, 0.5),
			],
		)
	assert count == 2
	zip_file = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
	raw = zip_file.read("vehicles.csv")
	assert raw.startswith(b"\xef\xbb\xbf")
	rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
	assert rows[0] == [
		"vin",
		"registration_plate",
		"odometer",
		"odometer_unit",
		"warranty_start_date",
		"list_price",
	]
	assert rows[1] == ["LSVAB4BR5JN000001", "沪A12345", "42000", "km", "2024-05-20", "189000"]
	assert rows[2] == ["LSVAB4BR5JN000002", "", "", "km", "", "0.5"]
	records = json.loads(zip_file.read("vehicles.json"))
	assert records[0]["odometer"] == 42000 and records[0]["list_price"] == 189000.0
	assert records[1]["registration_plate"] is None
	document = json.loads(zip_file.read("schema.json"))
	assert document["site"] == "x"
	table = document["tables"][0]
	assert (table["table"], table["doctype"], table["natural_key"], table["rows"]) == (
		"vehicles",
		"Motor Vehicle",
		["vin"],
		2,
	)
	assert table["columns"][1]["label_zh"] == "车牌号"
	markdown = zip_file.read("SCHEMA.md").decode()
	assert "| `odometer_unit` | Select (km / mi) | Odometer Unit |  |" in markdown


def test_an_empty_table_still_has_its_header_and_an_empty_list():
	buffer = io.BytesIO()
	with ExportArchive(buffer) as archive:
		archive.write_table(schema("campaigns"), [])
	zip_file = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
	assert zip_file.read("campaigns.csv").decode("utf-8-sig").strip() == ",".join(
		c.fieldname for c in schema().columns
	)
	assert json.loads(zip_file.read("campaigns.json")) == []


def test_memory_stays_flat_as_the_table_grows(tmp_path):
	def rows(count):
		for n in range(count):
			yield (f"VIN{n:014d}", f"PLATE{n}", n, "km", date(2024, 1, 1), datetime(2026, 1, 1, 8, 0))

	peaks = []
	for count in (4_000, 16_000):
		tracemalloc.start()
		with ExportArchive(tmp_path / f"{count}.zip") as archive:
			archive.write_table(schema(), rows(count))
		peaks.append(tracemalloc.get_traced_memory()[1])
		tracemalloc.stop()
	assert peaks[1] < peaks[0] * 1.5 + 1_000_000, peaks


def test_child_tables_follow_their_parent_with_its_key():
	repair_orders = next(table for table in TABLES if table.doctype == "Repair Order")
	children = child_tables(repair_orders, [("jobs", "Repair Order Job"), ("parts", "Repair Order Part")])
	assert [(c.name, c.doctype, c.key) for c in children] == [
		("repair_orders_jobs", "Repair Order Job", ("parent", "idx")),
		("repair_orders_parts", "Repair Order Part", ("parent", "idx")),
	]
	assert child_tables(Table("contacts", "Contact", with_children=False), [("links", "Dynamic Link")]) == []
	assert len({table.name for table in TABLES}) == len(TABLES)
