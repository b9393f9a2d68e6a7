"""Every importer, fed as a user uploads: malformed files get a translated message and write nothing;
GB18030 and UTF-16 files with Chinese headers import; a dry run writes nothing; a re-run changes
nothing."""

import codecs
import functools
import io
import os
import re
import zipfile

import frappe
import pytest
from frappe.utils import flt, random_string

from dms_app.api import campaigns as campaign_api
from dms_app.api import oem_orders as oem_api
from dms_app.api import warranty as warranty_api
from dms_app.api.data_exchange import dry_run_migration, run_migration
from dms_app.api.vehicles import import_vehicles
from dms_app.data_exchange.service_history import MAX_ROWS as HISTORY_MAX_ROWS
from dms_app.dms.doctype.dms_data_migration.dms_data_migration import SYNC_DRY_RUN_BYTES, execute, execute_job
from dms_app.imports import files
from dms_app.oem_orders.vehicle_orders import MAX_IMPORT_ROWS
from dms_app.tests import factories
from dms_app.tests.campaigns import series
from dms_app.tests.oem_orders import make_oem_order
from dms_app.tests.warranty import make_claim, make_customer_vehicle, make_warranty_make
from dms_app.vehicles.import_rows import MAX_ROWS as VEHICLE_MAX_ROWS
from dms_app.warranty.campaigns import MAX_ROWS as CAMPAIGN_MAX_ROWS
from dms_app.warranty.exchange import MAX_RESPONSE_ROWS

# what an importer may write: none of it may change when a file is refused
WRITTEN = (
	"Vehicle Import",
	"Vehicle Import Row",
	"Motor Vehicle",
	"OEM Vehicle Order Unit",
	"Payment Entry",
	"Service Campaign",
	"Service Campaign Vehicle",
	"Service Campaign Range",
	"Service Campaign Part",
	"Customer",
	"Contact",
	"Address",
	"Vehicle Make",
	"Vehicle Model",
	"Vehicle Trim",
	"Item",
	"Vehicle Service History",
	"Vehicle Service History Line",
	"Stock Reconciliation",
	"Stock Ledger Entry",
	"GL Entry",
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def xlsx(rows) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	for row in rows:
		book.active.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


@functools.cache
def zip_bomb() -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("[Content_Types].xml", "<Types/>")
		archive.writestr("xl/workbook.xml", "<workbook/>")
		archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
	return out.getvalue()


@functools.cache
def bad_files(header: str, max_rows: int) -> dict[str, tuple[str, bytes]]:
	"""name → (file name, content) of every malformed case, for an import whose CSV header is `header`."""
	return {
		"random bytes": ("data.csv", os.urandom(4096)),
		"utf-16 cut in half": ("data.csv", b"\xff\xfe" + f"{header}\nx\n".encode("utf-16-le")[:-1]),
		"xlsx named csv": ("data.csv", xlsx([header.split(","), ["x"]])),
		"zip bomb": ("data.xlsx", zip_bomb()),
		"csv named xlsx": ("data.xlsx", f"{header}\nx\n".encode()),
		"5 MB cell": ("data.csv", f"{header}\n".encode() + b"a" * (5 * 1024 * 1024) + b"\n"),
		"too many rows": ("data.csv", f"{header}\n".encode() + b"x\n" * (max_rows + 1)),
		"empty": ("data.csv", b" \r\n"),  # Frappe refuses to store a File of no bytes at all
		"wrong extension": ("data.pdf", b"%PDF-1.4 ..."),
		"binary": ("data.csv", b"\x00\x01\x02\x03" * 100),
	}


def bad_json() -> dict[str, tuple[str, bytes]]:
	return {
		"deeply nested json": ("data.json", b"[" * 100_000 + b"]" * 100_000),
		"truncated json": ("data.json", b'{"claims": [{"claim": "WC-1", "status": "Acc'),
		"json of random bytes": ("data.json", os.urandom(2048)),
	}


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in WRITTEN}


def encode(text: str, encoding: str) -> bytes:
	"""`text` (comma-separated) as a file in `encoding`; "utf-16 tab" is what Excel's "Unicode Text"
	writes: UTF-16 LE with its BOM, tab-separated."""
	if encoding == "utf-16 tab":
		return codecs.BOM_UTF16_LE + text.replace(",", "\t").encode("utf-16-le")
	return text.encode(encoding)


def translated(message: str) -> str:
	"""A message shown to a Chinese user: in Chinese, with no traceback."""
	assert message and "Traceback" not in message
	assert CHINESE.search(message), message
	return message


def refused(call, name: str, content: bytes):
	"""`call(file_url)` must throw a ValidationError with a translated message and write nothing."""
	before = counts()
	with factories.private_file(content, file_name=name) as file:
		frappe.local.lang = "zh"
		try:
			with pytest.raises(frappe.ValidationError) as error:
				call(file.file_url)
		finally:
			frappe.local.lang = "en"
	assert counts() == before
	return translated(str(error.value))


@pytest.fixture
def customer():
	return factories.make_customer()


# --- Vehicle Import -----------------------------------------------------------------------------


def vehicle_import(file_url: str, customer: str):
	return frappe.get_doc(
		{
			"doctype": "Vehicle Import",
			"import_file": file_url,
			"stock_type": "Customer",
			"default_customer": customer,
		}
	).insert()


@pytest.mark.parametrize("case", list(bad_files("vin", VEHICLE_MAX_ROWS)))
def test_vehicle_import_refuses_malformed_files(case, customer):
	name, content = bad_files("vin", VEHICLE_MAX_ROWS)[case]
	refused(lambda url: vehicle_import(url, customer), name, content)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le"])
def test_vehicle_import_reads_chinese_headers_and_a_rerun_changes_nothing(encoding, customer):
	vin, other = factories.make_vin(), factories.make_vin()
	text = f"车架号,颜色,里程,车牌号\n{vin},白色,12500,粤B12345\n{other},黑色,800,\n"
	with factories.private_file(text.encode(encoding), file_name="车辆.csv") as file:
		doc = vehicle_import(file.file_url, customer)
		assert (doc.status, doc.total_rows, doc.valid_rows, doc.error_rows) == ("Checked", 2, 2, 0)
		assert not frappe.db.exists("Motor Vehicle", vin)  # checking is the dry run: nothing written
		assert import_vehicles(doc.name) == {"queued": False, "imported": 2, "errors": 0}
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		assert (vehicle.colour, vehicle.odometer, vehicle.registration_plate) == ("白色", 12500, "粤B12345")

		again = vehicle_import(file.file_url, customer)  # the same file once more
		assert [row.row_status for row in again.rows] == ["Unchanged", "Unchanged"]
		assert again.error_rows == 0 and "same data" in again.rows[0].message
		with pytest.raises(frappe.ValidationError, match="No rows are left"):
			import_vehicles(again.name)

	changed = f"VIN码,车身颜色\n{vin},红色\n".encode(encoding)
	with factories.private_file(changed, file_name="车辆.csv") as file:
		doc = vehicle_import(file.file_url, customer)
	assert (
		doc.rows[0].row_status == "Error"
		and "colour is 白色 on file, 红色 in the file" in doc.rows[0].message
	)
	assert frappe.db.get_value("Motor Vehicle", vin, "colour") == "白色"


# --- OEM confirmations --------------------------------------------------------------------------


def confirm(file_url: str, dry_run: int = 0):
	return oem_api.import_confirmations(file_url=file_url, dry_run=dry_run)


@pytest.fixture
def trim():
	return factories.make_vehicle_trim("Honda", "Accord", "OEM-A")


@pytest.mark.parametrize("case", list(bad_files("oem_order_no,line,vin", MAX_IMPORT_ROWS)))
def test_confirmation_import_refuses_malformed_files(case):
	name, content = bad_files("oem_order_no,line,vin", MAX_IMPORT_ROWS)[case]
	refused(confirm, name, content)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_confirmation_import_reads_chinese_headers_dry_run_and_rerun(encoding, trim):
	order = make_oem_order([(trim, 2)])
	vin = factories.make_vin()
	text = f"厂家订单号,行号,车架号,确认数量,发运单号\n{order.name},1,{vin},,S-1\n{order.name},9,,1,\n"
	with factories.private_file(text.encode(encoding), file_name="确认.csv") as file:
		before = counts()
		dry = confirm(file.file_url, dry_run=1)
		assert dry["dry_run"] and dry["applied"] == 1
		assert dry["errors"] == [{"row": 3, "reason": f"order {order.name} has no line 9"}]
		assert counts() == before  # the dry run wrote nothing

		first = confirm(file.file_url)
		assert (first["applied"], first["orders"]) == (1, [order.name])
		order.reload()
		assert [(u.vin, u.shipment_no) for u in order.units] == [(vin, "S-1")]

		again = confirm(file.file_url)  # the same file once more: no error, no new unit
		assert [e["row"] for e in again["errors"]] == [3]
		order.reload()
		assert [(u.vin, u.shipment_no) for u in order.units] == [(vin, "S-1")]
		assert frappe.db.count("Motor Vehicle", {"name": vin}) == 1


# --- OEM warranty responses ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def claims(module_transaction):
	"""Two submitted claims, made once for the module: each test rolls back to them (conftest.py)."""
	make_warranty_make()
	made = [make_claim(make_customer_vehicle(), submit=True) for _ in range(2)]
	module_transaction.keep()
	return made


def respond(file_url: str, dry_run: int = 0):
	return warranty_api.import_response(file_url=file_url, dry_run=dry_run)


@pytest.mark.parametrize("case", [*bad_files("claim,status", MAX_RESPONSE_ROWS), *bad_json()])
def test_response_import_refuses_malformed_files(case, claims):
	name, content = {**bad_files("claim,status", MAX_RESPONSE_ROWS), **bad_json()}[case]
	refused(respond, name, content)
	for claim in claims:
		assert frappe.db.get_value("OEM Warranty Claim", claim.name, "status") == "Submitted"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le"])
def test_response_import_reads_chinese_headers_dry_run_and_rerun(encoding, claims):
	first, second = claims
	amount = flt(first.claimed_amount)
	text = f"索赔单号,状态,受理金额,拒赔原因,备注\n{first.name},Accepted,{amount},,全额受理\n{second.name},Rejected,,IVN,\n"
	with factories.private_file(text.encode(encoding), file_name="厂家答复.csv") as file:
		dry = respond(file.file_url, dry_run=1)
		assert dry["dry_run"] and sorted(dry["updated"]) == sorted([first.name, second.name])
		assert dry["errors"] == []
		assert frappe.db.get_value("OEM Warranty Claim", first.name, "status") == "Submitted"

		result = respond(file.file_url)
		assert sorted(result["updated"]) == sorted([first.name, second.name]) and not result["errors"]
		assert frappe.db.get_value("OEM Warranty Claim", first.name, "status") == "Accepted"
		assert frappe.db.get_value("OEM Warranty Claim", second.name, "status") == "Rejected"

		again = respond(file.file_url)  # the same file once more
		assert again["updated"] == [] and again["errors"] == []
		assert sorted(again["unchanged"]) == sorted([first.name, second.name])


def test_response_json_with_chinese_keys(claims):
	import json

	data = json.dumps({"claims": [{"索赔单号": claims[0].name, "状态": "Rejected", "拒赔原因": "IVN"}]})
	with factories.private_file(data.encode("utf-16"), file_name="答复.json") as file:
		result = respond(file.file_url)
	assert result["updated"] == [claims[0].name]


# --- recall and service campaigns ---------------------------------------------------------------

CAMPAIGN_HEADER = "campaign_code,title,start_date,vin"


@pytest.mark.parametrize("case", [*bad_files(CAMPAIGN_HEADER, CAMPAIGN_MAX_ROWS), *bad_json()])
def test_campaign_import_refuses_malformed_files(case):
	name, content = {**bad_files(CAMPAIGN_HEADER, CAMPAIGN_MAX_ROWS), **bad_json()}[case]
	for dry_run in (1, 0):
		refused(
			lambda url, dry_run=dry_run: campaign_api.import_campaigns(url, dry_run=dry_run), name, content
		)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16 tab"])
def test_campaign_import_reads_chinese_headers_dry_run_and_rerun(encoding):
	vin, bad = factories.make_vin(**series()), "NOT-A-VIN"
	code = f"RC-{random_string(6).upper()}"
	text = (
		"活动代码,活动名称,活动类型,开始日期,车架号\n"
		f"{code},安全气囊召回,召回,2027-01-01,{vin}\n"
		f"{code},,,,{bad}\n"
	)
	with factories.private_file(encode(text, encoding), file_name="召回活动.csv") as file:
		before = counts()
		dry = campaign_api.import_campaigns(file.file_url, dry_run=1)
		assert dry["dry_run"] and dry["created"] == [code] and dry["vins_added"] == 1
		assert [e["row"] for e in dry["errors"]] == [3] and dry["errors"][0]["error"]
		assert counts() == before  # the dry run wrote nothing

		first = campaign_api.import_campaigns(file.file_url)
		assert (first["created"], first["vins_added"], [e["row"] for e in first["errors"]]) == (
			[code],
			1,
			[3],
		)
		assert frappe.db.get_value("Service Campaign", code, ["title", "campaign_type"]) == (
			"安全气囊召回",
			"Recall",
		)

		again = campaign_api.import_campaigns(file.file_url)  # the same file once more
		assert (again["created"], again["updated"], again["unchanged"]) == ([], [], [code])
		assert (again["vins_added"], again["vins_unchanged"]) == (0, 1)
	assert frappe.db.count("Service Campaign Vehicle", {"service_campaign": code}) == 1


# --- DMS Data Migration -------------------------------------------------------------------------

HISTORY_HEADER = "vehicle,ro_no,service_date"
# a good table beside the bad one in a zip: it must not be written either
GOOD_CUSTOMERS = ("customers.csv", b"customer_name,mobile_no\nZip Customer,13900000001\n")


def new_migration(file_url: str, table: str | None = None):
	return frappe.get_doc(
		{"doctype": "DMS Data Migration", "import_file": file_url, "table": table or ""}
	).insert()


def migration_refused(name: str, content: bytes, table: str | None = None):
	"""Dry Run throws a translated ValidationError at once (a file above SYNC_DRY_RUN_BYTES is checked
	on the long queue, whose job records the failure on the form instead); Run (its job) records the
	failure; nothing is written either way."""
	before = counts()
	with factories.private_file(content, file_name=name) as file:
		doc = new_migration(file.file_url, table)
		frappe.local.lang = "zh"
		try:
			try:
				queued = dry_run_migration(doc.name)
			except frappe.ValidationError as error:
				translated(str(error))
			else:
				assert queued == {"queued": True} and len(content) > SYNC_DRY_RUN_BYTES
				execute_job(doc.name, dry_run=True)  # what the long queue runs
				doc.reload()
				assert doc.status == "Failed" and translated(doc.errors[0].message)
			assert counts() == before

			assert run_migration(doc.name) == {"queued": True}
			execute_job(doc.name)
		finally:
			frappe.local.lang = "en"
	doc.reload()
	assert doc.status == "Failed" and not doc.results
	assert len(doc.errors) == 1 and translated(doc.errors[0].message)
	assert counts() == before
	return doc.errors[0].message


def zipped(*members: tuple[str, bytes]) -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
		for member, content in members:
			archive.writestr(member, content)
	return out.getvalue()


def table_cases(header: str, max_rows: int, json: bool = True) -> dict[str, tuple[str, bytes]]:
	return {**bad_files(header, max_rows), **(bad_json() if json else {})}


@pytest.mark.parametrize("case", list(table_cases("customer_name,mobile_no", files.MAX_ROWS)))
def test_migration_refuses_a_malformed_table_file(case):
	name, content = table_cases("customer_name,mobile_no", files.MAX_ROWS)[case]
	migration_refused(name, content, table="customers")


@pytest.mark.parametrize("case", list(table_cases(HISTORY_HEADER, HISTORY_MAX_ROWS, json=False)))
def test_migration_refuses_a_malformed_streamed_service_history(case):
	name, content = table_cases(HISTORY_HEADER, HISTORY_MAX_ROWS, json=False)[case]
	migration_refused(name, content, table="service_history")


@functools.cache
def zip_member_cases(table: str, header: str, max_rows: int) -> dict[str, bytes]:
	"""An export zip with a good customers table and `table` malformed as each case (a file of
	another extension in a zip is not a table, so "wrong extension" has no zip case)."""
	cases = table_cases(header, max_rows)
	cases.pop("wrong extension")
	return {
		case: zipped(GOOD_CUSTOMERS, (table + os.path.splitext(name)[1], content))
		for case, (name, content) in cases.items()
	}


@pytest.mark.parametrize("case", list(zip_member_cases("vehicles", "vin,customer", files.MAX_ROWS)))
def test_migration_refuses_an_export_zip_with_a_malformed_table(case):
	content = zip_member_cases("vehicles", "vin,customer", files.MAX_ROWS)[case]
	message = migration_refused("export.zip", content)
	assert "vehicles." in message  # the member is named


@pytest.mark.parametrize("case", list(zip_member_cases("service_history", HISTORY_HEADER, HISTORY_MAX_ROWS)))
def test_migration_refuses_an_export_zip_with_a_malformed_service_history(case):
	content = zip_member_cases("service_history", HISTORY_HEADER, HISTORY_MAX_ROWS)[case]
	message = migration_refused("export.zip", content)
	assert "service_history." in message  # the member is named


def test_migration_refuses_a_zipped_service_history_that_would_unpack_beyond_the_stream_limit(monkeypatch):
	from dms_app.data_exchange import migration

	monkeypatch.setattr(migration, "MAX_STREAM_BYTES", 1024 * 1024)  # 500 MB in production
	huge = HISTORY_HEADER.encode() + b"\n" + b"x," * (1024 * 1024)
	message = migration_refused("export.zip", zipped(GOOD_CUSTOMERS, ("service_history.csv", huge)))
	assert "service_history.csv" in message


def migration_in_steps(content: bytes, name: str, table: str):
	"""Dry run (nothing written), run, and run again: the three documents' results."""
	steps = []
	with factories.private_file(content, file_name=name) as file:
		doc = new_migration(file.file_url, table)
		before = counts()
		assert dry_run_migration(doc.name)["status"] == "Checked"
		assert counts() == before
		for _run in ("check", "run", "run again"):
			doc.reload()
			steps.append(
				(
					[(r.table_name, r.created, r.updated, r.unchanged, r.failed) for r in doc.results],
					{e.row_no: e.message for e in doc.errors},
				)
			)
			if _run != "run again":
				execute(doc.name)
	return steps


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16 tab"])
def test_migration_service_history_with_chinese_headers(encoding):
	customer = factories.make_customer()
	vin = factories.make_customer_vehicle(customer, odometer=20000, last_service_date="2025-01-10")
	ro = f"旧-{random_string(6).upper()}"
	text = (
		"车架号,工单号,维修日期,里程,服务顾问,行号,类型,项目代码,项目名称,工时,数量,金额,付款方式\n"
		f"{vin},{ro},2025-06-01,30500,王工,1,Labour,OIL-SVC,机油保养,1.2,,360,Customer\n"
		f"{vin},{ro},2025-06-01,30500,王工,2,Part,OF-100,机油滤清器,,1,80,Customer\n"
		f"{factories.make_vin()},{ro}-X,2025-06-02,100,,1,Labour,X,未知车辆,1,,1,Customer\n"
	)
	ledgers = (frappe.db.count("GL Entry"), frappe.db.count("Stock Ledger Entry"))
	check, run, again = migration_in_steps(encode(text, encoding), "维修记录.txt", "service_history")
	assert check[0] == [("service_history", 0, 0, 0, 1)] and list(check[1]) == [4]  # the unknown VIN
	assert run[0] == [("service_history", 1, 0, 0, 1)] and list(run[1]) == [4]
	assert again[0] == [("service_history", 0, 0, 1, 1)]
	history = frappe.get_doc("Vehicle Service History", ro)
	assert (history.vehicle, str(history.service_date), history.odometer) == (vin, "2025-06-01", 30500)
	assert [(line.line_type, line.description) for line in history.lines] == [
		("Labour", "机油保养"),
		("Part", "机油滤清器"),
	]
	assert str(frappe.db.get_value("Motor Vehicle", vin, "last_service_date")) == "2025-06-01"
	assert (frappe.db.count("GL Entry"), frappe.db.count("Stock Ledger Entry")) == ledgers


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16 tab"])
def test_migration_opening_stock_with_chinese_headers(encoding):
	warehouse = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	code = f"OPEN-{random_string(6).upper()}"
	text = (
		"配件编码,配件名称,仓库,数量,成本单价\n"
		f"{code},刹车片,{warehouse},12,45.5\n"
		f"{code}-NEG,坏行,{warehouse},-1,5\n"
	)
	reconciliations = frappe.db.count("Stock Reconciliation")
	check, run, again = migration_in_steps(encode(text, encoding), "期初库存.csv", "opening_stock")
	assert check[0] == [("opening_stock", 1, 0, 0, 1)] and list(check[1]) == [3]
	assert run[0] == [("opening_stock", 1, 0, 0, 1)] and list(run[1]) == [3]
	assert again[0] == [("opening_stock", 0, 0, 1, 1)]
	assert frappe.db.count("Stock Reconciliation") == reconciliations + 1
	assert frappe.db.get_value("Item", code, "item_name") == "刹车片"
	assert flt(frappe.db.get_value("Bin", {"item_code": code, "warehouse": warehouse}, "actual_qty")) == 12


def test_the_limits_are_what_the_docs_say():
	assert files.MAX_CELL_CHARS < 32_767 and files.MAX_JSON_DEPTH >= 10
