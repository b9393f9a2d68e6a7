"""Faults, as in production: a worker killed mid-job and a MariaDB restarted mid-traffic.

- A private RQ worker (Frappe's CLI `worker --queue long`) is SIGKILLed, with its work horse, in the
  middle of a parts forecast run and of a vehicle import (its job waits at a known step, its writes
  uncommitted, until the kill: no time window, whatever the machine's load); another is started and the hourly retry
  (retry_runs / retry_imports, called directly once the record is stale) finishes the work exactly
  once: one Demand Forecast and one draft Material Request line per part, each VIN one vehicle.
- MariaDB is hard-killed (SIGKILL) and restarted while processes save and submit documents with child
  rows and ledger entries: no document is left without its rows or ledger entries, no row without its
  document, and every document reported committed is there.

Both run against a private copy of the test site (dms_app/tests/faults.py): its database on a private
MariaDB, its queue and cache on a private Redis, so what the jobs commit, enqueue and cache never
reaches the shared servers, the test site or another engineer's worker; the copy is thrown away at the
end. The quick tests at the bottom run on the test site itself, rolled back like every other test.
Without the MariaDB and Redis server binaries the private tests are skipped, or fail under
DMS_REQUIRE_PRIVATE_MARIADB=1 (set by ./dms test)."""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frappe
import pytest

from dms_app.planning import parts
from dms_app.planning.runs import start_run
from dms_app.tests import factories
from dms_app.tests.backups import sites_path
from dms_app.tests.faults import PrivateSite, missing_binaries, wait_for
from dms_app.tests.planning import make_part, months_ago, parts_warehouse, stock_entry
from dms_app.vehicles.doctype.vehicle_import import vehicle_import

pytestmark = pytest.mark.xdist_group("faults")  # one private copy per run, not one per xdist worker


@pytest.fixture(scope="module")
def private_copy(frappe_site):
	if reason := missing_binaries():
		if os.environ.get("DMS_REQUIRE_PRIVATE_MARIADB") == "1":
			pytest.fail(reason, pytrace=False)
		pytest.skip(reason)
	site = PrivateSite(frappe.local.site, frappe.conf)
	try:
		yield site
	finally:
		site.destroy()


@pytest.fixture
def copy(private_copy):
	"""The private copy, with no worker left from an earlier test to take this test's jobs."""
	try:
		yield private_copy
	finally:
		private_copy.stop_workers()


def parse(out: str, key: str):
	return json.loads(next(line for line in out.splitlines() if line.startswith(key + " "))[len(key) + 1 :])


def rows_in_flight(copy) -> int:
	"""Rows written by the largest uncommitted transaction on the copy (the paused job's)."""
	return int(copy.value("select coalesce(max(trx_rows_modified), 0) from information_schema.innodb_trx"))


def job_status(copy, job_id: str) -> str:
	out = copy.python(
		"from frappe.utils.background_jobs import get_job\n"
		f"job = get_job({job_id!r})\n"
		"print('STATUS', json.dumps(job and job.get_status()))"
	)
	return parse(out, "STATUS")


# ---------------------------------------------------------------- a worker killed mid-run


FORECAST_SETUP = """
from dms_app.tests.planning import make_part, months_ago, parts_warehouse, stock_entry
frappe.db.delete("Forecast Run")
frappe.db.set_single_value("DMS Settings", {"planning_chunk_size": 1, "draft_material_requests": 1})
store, items = parts_warehouse(), []
for _ in range(4):
	item = make_part()
	stock_entry("Material Receipt", item, 20, months_ago(8), target=store)
	for months, qty in ((3, 5), (2, 6), (1, 7)):
		stock_entry("Material Issue", item, qty, months_ago(months), source=store)
	items.append(item)
frappe.db.commit()
print("SETUP", json.dumps([items, store]))
"""


def test_a_forecast_run_killed_mid_way_resumes_and_finishes_exactly_once(copy):
	items, store = parse(copy.python(FORECAST_SETUP), "SETUP")
	worker = copy.worker(pause="chunk:3")  # chunks 1 and 2 committed, the 3rd written, uncommitted
	name = parse(
		copy.python(
			"from dms_app.planning.runs import start_run\n"
			"name = start_run('Parts Forecast')\nfrappe.db.commit()\nprint('RUN', json.dumps(name))"
		),
		"RUN",
	)
	run_sql = f"select status, last_chunk, total_chunks from `tabForecast Run` where name = '{name}'"
	written = f"select count(*) from `tabDemand Forecast` where forecast_run = '{name}'"

	worker.wait_until_paused()
	status, last_chunk, total = copy.sql(run_sql)[0]
	assert (status, last_chunk) == ("Running", "1") and int(total) >= 4, (status, last_chunk, total)
	assert rows_in_flight(copy) >= 1  # the 3rd chunk's forecasts, not committed
	# what blocked Frappe's deduplicate
	assert job_status(copy, f"dms-planning::{name}") == "started", worker.output()
	worker.kill()
	assert copy.value(written) == "2"  # the killed chunk's writes died with the worker

	# an hour later: the run is stale, a worker is back, the hourly retry runs
	copy.sql(f"update `tabForecast Run` set modified = modified - interval 3 hour where name = '{name}'")
	worker = copy.worker()
	copy.python("from dms_app.planning.runs import retry_runs\nretry_runs()\nfrappe.db.commit()")
	wait_for(
		lambda: (
			copy.value(f"select status = 'Completed' from `tabForecast Run` where name = '{name}'") == "1"
		),
		timeout=180,
		interval=0.5,
		what=lambda: f"the retried run to complete\n{worker.output()}",
	)
	attempts, log = copy.sql(
		f"select attempts, replace(log, '\\n', ' ') from `tabForecast Run` where name = '{name}'"
	)[0]
	assert attempts == "2" and "Resuming at chunk 3" in log, log
	listed = ", ".join(f"'{item}'" for item in items)
	forecasts = copy.sql(
		f"""select item, warehouse, count(*) from `tabDemand Forecast`
		where item in ({listed}) group by item, warehouse order by item"""
	)
	assert forecasts == [[item, store, "1"] for item in sorted(items)]
	lines = copy.sql(
		f"""select mri.item_code, mri.warehouse, count(*) from `tabMaterial Request Item` mri
		join `tabMaterial Request` mr on mr.name = mri.parent
		where mr.docstatus = 0 and mri.item_code in ({listed}) group by mri.item_code, mri.warehouse
		order by mri.item_code"""
	)
	assert lines == [[item, store, "1"] for item in sorted(items)]
	# the retry finds nothing more to do
	copy.python("from dms_app.planning.runs import retry_runs\nretry_runs()\nfrappe.db.commit()")
	assert copy.value(f"select attempts from `tabForecast Run` where name = '{name}'") == "2"


# ---------------------------------------------------------------- a worker killed mid-import


IMPORT_SETUP = """
from dms_app.tests import factories
from dms_app.vehicles.doctype.vehicle_import.vehicle_import import enqueue_import
customer, base = factories.make_customer(), {base}
vins = [factories.make_vin(serial=base + i) for i in range(50)]
file = frappe.get_doc(
	{{"doctype": "File", "file_name": "fault-test-vins.csv", "is_private": 1,
	 "content": ("VIN\\n" + "\\n".join(vins)).encode()}}
).insert()
print("FILE", json.dumps(file.get_full_path()))
doc = frappe.get_doc(
	{{"doctype": "Vehicle Import", "import_file": file.file_url, "stock_type": "Customer",
	 "default_customer": customer}}
).insert()
assert (doc.valid_rows, doc.error_rows) == (50, 0), doc.as_dict()
enqueue_import(doc.name)
frappe.db.commit()
print("IMPORT", json.dumps([doc.name, vins]))
"""


def test_a_vehicle_import_killed_mid_way_is_retried_and_creates_each_vehicle_once(copy):
	worker = copy.worker(pause="vehicle:11")  # 10 vehicles inserted, uncommitted, the 11th made
	out = copy.python(IMPORT_SETUP.format(base=random.randrange(900_000)))
	file = Path(parse(out, "FILE"))
	try:
		name, vins = parse(out, "IMPORT")
		listed = ", ".join(f"'{vin}'" for vin in vins)

		worker.wait_until_paused()
		assert copy.value(f"select status from `tabVehicle Import` where name = '{name}'") == "Running"
		assert rows_in_flight(copy) >= 10  # the import's transaction has written its first vehicles
		assert copy.value(f"select count(*) from `tabMotor Vehicle` where name in ({listed})") == "0"
		assert job_status(copy, f"vehicle_import::{name}") == "started", worker.output()
		worker.kill()
		assert copy.value(f"select count(*) from `tabMotor Vehicle` where name in ({listed})") == "0"

		copy.sql(
			f"update `tabVehicle Import` set modified = modified - interval 3 hour where name = '{name}'"
		)
		worker = copy.worker()
		retry = (
			"from dms_app.vehicles.doctype.vehicle_import.vehicle_import import retry_imports\n"
			"retry_imports()\nfrappe.db.commit()"
		)
		copy.python(retry)
		wait_for(
			lambda: copy.value(f"select status from `tabVehicle Import` where name = '{name}'") == "Imported",
			timeout=180,
			interval=0.5,
			what=lambda: f"the retried import\n{worker.output()}",
		)
		assert copy.sql(
			f"select imported_rows, error_rows from `tabVehicle Import` where name = '{name}'"
		) == [["50", "0"]]
		vehicles = copy.sql(f"select name from `tabMotor Vehicle` where name in ({listed}) order by name")
		assert vehicles == [[vin] for vin in sorted(vins)]
		rows = copy.sql(
			f"select vin, vehicle, row_status from `tabVehicle Import Row` where parent = '{name}' order by vin"
		)
		assert rows == [[vin, vin, "Imported"] for vin in sorted(vins)]
		copy.python(retry)  # nothing left to retry
		assert copy.value(f"select count(*) from `tabMotor Vehicle` where name in ({listed})") == "50"
	finally:
		file.unlink(missing_ok=True)


# ---------------------------------------------------------------- MariaDB restarted mid-traffic


TRAFFIC = """
import json, os, sys, time
import frappe

site, marker, items, warehouse, stop = sys.argv[1:6]
items = json.loads(items)


def connect():
	while True:
		try:
			frappe.connect()
			frappe.set_user("Administrator")
			return
		except Exception:
			if os.path.exists(stop):
				sys.exit(0)
			time.sleep(0.3)


frappe.init(site=site, sites_path=".")
connect()
from dms_app.tests.factories import default_company

company, n = default_company(), 0
while not os.path.exists(stop):
	n += 1
	try:
		if n % 3:
			doc = frappe.get_doc({"doctype": "Stock Entry", "stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt", "company": company, "remarks": marker,
				"items": [{"item_code": item, "qty": n, "t_warehouse": warehouse, "basic_rate": 10}
					for item in items]})
		else:
			doc = frappe.get_doc({"doctype": "Material Request", "material_request_type": "Purchase",
				"company": company, "title": marker, "schedule_date": frappe.utils.add_days(None, 7),
				"items": [{"item_code": item, "qty": n, "warehouse": warehouse,
					"schedule_date": frappe.utils.add_days(None, 7)} for item in items]})
		doc.insert()
		doc.submit()
		frappe.db.commit()
		print("COMMITTED", doc.doctype, doc.name, sep="\t", flush=True)
	except Exception as error:
		print("LOST", type(error).__name__, str(error)[:200].replace(chr(10), " "), flush=True)
		try:
			frappe.db.close()
		except Exception:
			pass
		connect()
frappe.destroy()
"""


def test_a_mariadb_restart_mid_traffic_leaves_no_half_written_document(copy):
	items, store = parse(
		copy.python(
			"from dms_app.tests.planning import make_part, parts_warehouse\n"
			"items = [make_part(), make_part()]\nfrappe.db.commit()\n"
			"print('SETUP', json.dumps([items, parts_warehouse()]))"
		),
		"SETUP",
	)
	marker = f"fault-traffic-{random.randrange(10**9)}"
	stop = Path(tempfile.mkdtemp(prefix="dms-traffic-")) / "stop"
	count = f"""select (select count(*) from `tabStock Entry` where remarks = '{marker}' and docstatus = 1)
		+ (select count(*) from `tabMaterial Request` where title = '{marker}' and docstatus = 1)"""
	logs = [stop.parent / f"traffic-{i}.log" for i in range(3)]  # files: readable while they run
	handles = [log.open("w") for log in logs]
	processes = [
		subprocess.Popen(
			[sys.executable, "-c", TRAFFIC, copy.site, marker, json.dumps(items), store, str(stop)],
			cwd=sites_path(),
			env={**os.environ, **copy.env},
			stdout=handle,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		for handle in handles
	]

	def traffic_output() -> str:
		return "\n".join(log.read_text(errors="replace") for log in logs)

	try:
		wait_for(  # generous: three processes start and submit slowly on a loaded machine
			lambda: int(copy.value(count) or 0) >= 6,
			timeout=240,
			interval=0.5,
			what=lambda: f"traffic to commit documents\n{traffic_output()[-3000:]}",
		)
		copy.db.stop(hard=True)  # SIGKILL mid-traffic: transactions in flight die with it
		time.sleep(1)
		copy.db.start()
		before = int(copy.value(count))
		wait_for(
			lambda: int(copy.value(count)) >= before + 3,
			timeout=240,
			interval=0.5,
			what=lambda: f"traffic after the restart\n{traffic_output()[-3000:]}",
		)
	finally:
		stop.touch()
		for process, handle in zip(processes, handles, strict=True):
			try:
				process.wait(timeout=120)
			except subprocess.TimeoutExpired:
				process.kill()
				process.wait()
			handle.close()
		output = traffic_output()
		shutil.rmtree(stop.parent, ignore_errors=True)
	assert "LOST" in output, output[-3000:]  # the restart did hit documents in flight
	committed = [line.split("\t")[1:] for line in output.splitlines() if line.startswith("COMMITTED\t")]
	assert committed, output[-3000:]
	for doctype, name in committed:  # what was reported committed survived the crash
		assert copy.value(f"select docstatus from `tab{doctype}` where name = '{name}'") == "1", name

	# every document of the traffic is whole: submitted, with its rows and its ledger entries
	entries = copy.sql(
		f"""select se.name, se.docstatus,
			(select count(*) from `tabStock Entry Detail` d where d.parent = se.name),
			(select count(*) from `tabStock Ledger Entry` sle where sle.voucher_no = se.name),
			(select count(*) from `tabGL Entry` gl where gl.voucher_no = se.name)
		from `tabStock Entry` se where se.remarks = '{marker}'"""
	)
	assert entries
	perpetual = copy.value(
		"select enable_perpetual_inventory from tabCompany where name = "
		"(select value from tabSingles where doctype = 'DMS Settings' and field = 'company')"
	)
	for name, docstatus, rows, sles, gls in entries:
		assert (docstatus, rows, sles) == ("1", "2", "2"), name
		assert int(gls) >= 2 or perpetual == "0", name
	requests = copy.sql(
		f"""select mr.name, mr.docstatus, (select count(*) from `tabMaterial Request Item` i where i.parent = mr.name)
		from `tabMaterial Request` mr where mr.title = '{marker}'"""
	)
	assert all((docstatus, rows) == ("1", "2") for _, docstatus, rows in requests), requests
	# no row without its document anywhere
	for child, parent in (
		("Stock Entry Detail", "Stock Entry"),
		("Material Request Item", "Material Request"),
	):
		assert (
			copy.value(
				f"select count(*) from `tab{child}` c left join `tab{parent}` p on p.name = c.parent where p.name is null"
			)
			== "0"
		), child
	for ledger in ("Stock Ledger Entry", "GL Entry"):
		assert (
			copy.value(
				f"""select count(*) from `tab{ledger}` l left join `tabStock Entry` se on se.name = l.voucher_no
			where l.voucher_type = 'Stock Entry' and se.name is null"""
			)
			== "0"
		), ledger
	# and the stock the bins show is the stock the ledger holds
	for item in items:
		bin_qty, ledger_qty = copy.sql(
			f"""select (select actual_qty from tabBin where item_code = '{item}' and warehouse = '{store}'),
			(select sum(actual_qty) from `tabStock Ledger Entry` where item_code = '{item}'
				and warehouse = '{store}' and is_cancelled = 0)"""
		)[0]
		assert float(bin_qty) == float(ledger_qty), item


# ---------------------------------------------------------------- on the test site, rolled back


def test_drafting_the_material_requests_again_requests_nothing_twice(frappe_site):
	store, item = parts_warehouse(), make_part()
	stock_entry("Material Receipt", item, 20, months_ago(8), target=store)
	for months, qty in ((3, 5), (2, 6), (1, 7)):
		stock_entry("Material Issue", item, qty, months_ago(months), source=store)
	run = frappe.get_doc("Forecast Run", start_run("Parts Forecast"))
	assert run.status == "Completed"
	lines = """select count(*) from `tabMaterial Request Item` mri join `tabMaterial Request` mr
		on mr.name = mri.parent where mr.docstatus = 0 and mri.item_code = %s"""
	assert frappe.db.sql(lines, item)[0][0] == 1
	assert parts.draft_material_requests(run) == 0  # a retry of the run's last step
	assert frappe.db.sql(lines, item)[0][0] == 1


@pytest.fixture
def small_import(frappe_site):
	"""A checked import of 3 customer vehicles; its file is removed from the site folder afterwards
	(rolling back removes the File record, not the file)."""
	customer = factories.make_customer()
	vins = [factories.make_vin() for _ in range(3)]
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "fault-vins.csv",
			"is_private": 1,
			"content": "\n".join(["VIN", *vins]),
		}
	).insert()
	doc = frappe.get_doc(
		{
			"doctype": "Vehicle Import",
			"import_file": file.file_url,
			"stock_type": "Customer",
			"default_customer": customer,
		}
	).insert()
	yield doc, vins
	Path(file.get_full_path()).unlink(missing_ok=True)


def test_a_queued_import_runs_once_and_a_second_run_changes_nothing(small_import):
	from dms_app.api.vehicles import import_vehicles

	doc, vins = small_import
	vehicle_import.enqueue_import(doc.name)  # in tests the job runs at once
	doc.reload()
	assert (doc.status, doc.imported_rows) == ("Imported", 3)
	assert vehicle_import.run_queued_import(doc.name) is None  # a duplicate job: nothing to do
	vehicle_import.retry_imports()
	assert frappe.db.count("Motor Vehicle", {"name": ("in", vins)}) == 3
	with pytest.raises(frappe.ValidationError, match="No rows are left"):
		import_vehicles(doc.name)


def test_an_import_running_elsewhere_is_neither_run_nor_retried_until_stale(small_import):
	from dms_app.api.vehicles import import_vehicles

	doc, vins = small_import
	frappe.db.set_value("Vehicle Import", doc.name, "status", "Running")
	with pytest.raises(frappe.ValidationError, match="already being run"):
		import_vehicles(doc.name)
	assert vehicle_import.run_queued_import(doc.name) is None  # a live worker has it
	vehicle_import.retry_imports()
	assert frappe.db.get_value("Vehicle Import", doc.name, "status") == "Running"
	assert not frappe.db.count("Motor Vehicle", {"name": ("in", vins)})
	# no change for longer than DMS Settings' planning_stale_minutes: its worker died, the retry runs it
	frappe.db.sql(
		"update `tabVehicle Import` set modified = modified - interval 3 hour where name = %s", doc.name
	)
	vehicle_import.retry_imports()
	assert frappe.db.get_value("Vehicle Import", doc.name, "status") == "Imported"
	assert frappe.db.count("Motor Vehicle", {"name": ("in", vins)}) == 3
