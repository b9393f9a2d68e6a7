"""The migration's service history (a flat lines file, streamed; history on the vehicle, never
posted), opening parts stock (one Stock Reconciliation per warehouse) and makes / models / trims."""

import frappe
from frappe.utils import add_days, flt, getdate, nowdate, random_string

from dms_app.data_exchange.migration import migrate
from dms_app.tests import factories

HEADER = "vin,ro_no,date,mileage,advisor,line_no,type,code,line_description,hours,qty,amount,pay_type\n"


def ledger_counts():
	return (frappe.db.count("GL Entry"), frappe.db.count("Stock Ledger Entry"))


def history_file(vin: str, ro: str, when: str = "2025-06-01", odometer: int = 30500) -> bytes:
	return (
		HEADER
		+ f"{vin},{ro},{when},{odometer},Wang,1,Labour,OIL-SVC,Oil service,1.2,,360,Customer\n"
		+ f"{vin},{ro},{when},{odometer},Wang,2,Part,OF-100,Oil filter,,1,80,Customer\n"
		+ f"{vin},{ro},{when},{odometer},Wang,3,Part,OIL-5W30,Engine oil,,4.5,270,Customer\n"
	).encode()


def test_service_history_imports_reruns_unchanged_and_never_posts():
	customer = factories.make_customer(f"Hist {random_string(5)}")
	vin = factories.make_customer_vehicle(customer, odometer=20000, last_service_date="2025-01-10")
	ro = f"OLD-{random_string(6).upper()}"
	before = ledger_counts()
	content = history_file(vin, ro)

	first = migrate("service_history.csv", content)
	assert first.counts["service_history"] == {"created": 1, "updated": 0, "unchanged": 0, "failed": 0}, (
		first.errors
	)
	doc = frappe.get_doc("Vehicle Service History", ro)
	assert doc.vehicle == vin and str(doc.service_date) == "2025-06-01" and doc.odometer == 30500
	assert [line.line_type for line in doc.lines] == ["Labour", "Part", "Part"]
	assert flt(doc.labour_total) == 360 and flt(doc.parts_total) == 350 and flt(doc.total) == 710
	vehicle = frappe.db.get_value(
		"Motor Vehicle",
		vin,
		["last_service_date", "last_service_odometer", "odometer", "next_service_date"],
		as_dict=True,
	)
	assert str(vehicle.last_service_date) == "2025-06-01" and vehicle.last_service_odometer == 30500
	assert vehicle.odometer == 30500 and vehicle.next_service_date
	assert ledger_counts() == before

	second = migrate("service_history.csv", content)
	assert second.counts["service_history"] == {"created": 0, "updated": 0, "unchanged": 1, "failed": 0}
	assert len(frappe.get_doc("Vehicle Service History", ro).lines) == 3

	# an older visit never moves the last service back
	older = history_file(vin, ro + "-B", when="2024-02-01", odometer=9000)
	migrate("service_history.csv", older)
	assert str(frappe.db.get_value("Motor Vehicle", vin, "last_service_date")) == "2025-06-01"
	assert ledger_counts() == before


def test_a_changed_line_updates_the_record():
	vin = factories.make_customer_vehicle(factories.make_customer(f"Hist {random_string(5)}"))
	ro = f"OLD-{random_string(6).upper()}"
	migrate("service_history.csv", history_file(vin, ro))
	changed = history_file(vin, ro).replace(b",270,", b",290,")
	outcome = migrate("service_history.csv", changed)
	assert outcome.counts["service_history"]["updated"] == 1
	assert flt(frappe.db.get_value("Vehicle Service History", ro, "total")) == 730


def test_dry_run_reports_bad_rows_and_writes_nothing():
	vin = factories.make_customer_vehicle(factories.make_customer(f"Hist {random_string(5)}"))
	ro = f"OLD-{random_string(6).upper()}"
	content = (
		HEADER
		+ f"{vin},{ro},2025-06-01,30500,Wang,1,Labour,OIL,Oil,1,,100,Customer\n"
		+ f"NOSUCHVIN0000001,{ro}X,2025-06-01,100,Wang,1,Labour,OIL,Oil,1,,100,Customer\n"
		+ f"{vin},{ro}Y,not a date,100,Wang,1,Labour,OIL,Oil,1,,100,Customer\n"
		+ f"{vin},{ro}Z,2025-06-01,100,Wang,1,Gearbox,OIL,Oil,1,,100,Customer\n"
	).encode()
	outcome = migrate("service_history.csv", content, dry_run=True)
	rows = {row for _table, row, _message in outcome.errors}
	assert rows == {3, 4, 5}, outcome.errors
	assert "NOSUCHVIN0000001" in next(m for _t, row, m in outcome.errors if row == 3)
	assert outcome.counts["service_history"]["failed"] == 3
	assert not frappe.db.exists("Vehicle Service History", ro)

	real = migrate("service_history.csv", content)
	assert real.counts["service_history"]["created"] == 1 and real.counts["service_history"]["failed"] == 3
	assert frappe.db.exists("Vehicle Service History", ro)


def test_a_malformed_service_history_file_writes_nothing():
	import pytest

	from dms_app.imports.files import ImportFileError

	with pytest.raises(ImportFileError):
		migrate("service_history.csv", b"\x00\x01\x02binary\x00" * 100)
	with pytest.raises(ImportFileError):
		migrate("service_history.csv", b"something,else\n1,2\n")  # no VIN / RO / date columns


def test_opening_stock_posts_one_reconciliation_per_warehouse_and_reruns_unchanged():
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	code = f"OPEN-{random_string(6).upper()}"
	existing = factories.make_item(item_group="Parts", valuation_rate=10)
	content = (
		"part_no,part_name,warehouse,bin,qty,cost\n"
		f"{code},Brake pad set,{warehouse},A-01-03,12,45.5\n"
		f"{existing},,{warehouse},,5,10\n"
		f"{code}-NEG,Bad,{warehouse},,-1,5\n"
		f"{code}-WH,Bad,No Such Warehouse,,1,5\n"
	).encode()
	reconciliations = frappe.db.count("Stock Reconciliation")
	outcome = migrate("opening_stock.csv", content)
	assert outcome.counts["opening_stock"]["created"] == 2, outcome.errors
	assert {row for _t, row, m in outcome.errors if not m.startswith("Warning")} == {4, 5}
	assert frappe.db.count("Stock Reconciliation") == reconciliations + 1
	recon = frappe.get_last_doc("Stock Reconciliation")
	assert recon.purpose == "Opening Stock" and recon.docstatus == 1
	assert frappe.db.get_value("Account", recon.expense_account, "account_type") == "Temporary"
	assert frappe.db.get_value("Item", code, "item_group") == frappe.db.get_single_value(
		"DMS Settings", "parts_item_group"
	)
	bin_ = frappe.db.get_value(
		"Bin", {"item_code": code, "warehouse": warehouse}, ["actual_qty", "valuation_rate"], as_dict=True
	)
	assert flt(bin_.actual_qty) == 12 and flt(bin_.valuation_rate) == 45.5
	sle = frappe.db.get_value(
		"Stock Ledger Entry",
		{"item_code": code, "warehouse": warehouse, "voucher_no": recon.name, "is_cancelled": 0},
		["qty_after_transaction", "stock_value"],
		as_dict=True,
	)
	assert flt(sle.qty_after_transaction) == 12 and flt(sle.stock_value) == 546

	again = migrate("opening_stock.csv", content)
	assert again.counts["opening_stock"]["unchanged"] == 2
	assert frappe.db.count("Stock Reconciliation") == reconciliations + 1


def test_makes_models_and_trims_import_by_natural_key():
	tag = random_string(5).upper()
	files = {
		"vehicle_makes.csv": f"make_name,manufacturer\nMK{tag},Maker {tag}\n",
		"vehicle_models.csv": f"make,model_name,body_type\nMK{tag},M{tag},SUV\n",
		"vehicle_trims.csv": f"model,make,trim_name,fuel_type\nMK{tag} M{tag},MK{tag},T{tag},Electric\n",
	}
	for name, text in files.items():
		outcome = migrate(name, text.encode())
		assert sum(c["created"] for c in outcome.counts.values()) == 1, (name, outcome.errors)
	trim = frappe.get_doc("Vehicle Trim", f"MK{tag} M{tag} T{tag}")
	assert trim.item and frappe.db.get_value("Item", trim.item, "has_serial_no")
	for name, text in files.items():
		outcome = migrate(name, text.encode())
		assert sum(c["unchanged"] for c in outcome.counts.values()) == 1, (name, outcome.errors)


def test_export_maps_finished_repair_orders_to_service_history_and_round_trips():
	from dms_app.tests import data_exchange, repair_orders

	customer = factories.make_customer(f"Hist {random_string(5)}")
	vin = factories.make_customer_vehicle(customer, last_service_date=add_days(nowdate(), -400))
	order = repair_orders.make_repair_order(vehicle=vin, customer=customer)
	frappe.db.set_value(
		"Repair Order", order.name, {"status": "Completed", "completed_on": add_days(nowdate(), -30)}
	)
	frappe.db.savepoint("before_export")
	content = data_exchange.export_bytes()
	import csv
	import io
	import zipfile

	rows = list(
		csv.DictReader(
			io.StringIO(zipfile.ZipFile(io.BytesIO(content)).read("service_history.csv").decode("utf-8-sig"))
		)
	)
	mine = [row for row in rows if row["ro_no"] == order.name]
	assert mine and all(row["vehicle"] == vin and row["source"] == frappe.local.site for row in mine)
	outcome = migrate("export.zip", content)
	name = f"{frappe.local.site}-{order.name}"
	history = frappe.get_doc("Vehicle Service History", name)
	assert history.vehicle == vin and getdate(history.service_date) == getdate(add_days(nowdate(), -30))
	assert len(history.lines) == len(mine)
	assert "service_history" in outcome.counts and "vehicle_makes" in outcome.counts
	assert not [e for e in outcome.errors if "does not exist: left empty" in e[2]][:1], outcome.errors[:5]
	second = migrate("export.zip", content)
	assert second.counts["service_history"]["created"] == second.counts["service_history"]["updated"] == 0
