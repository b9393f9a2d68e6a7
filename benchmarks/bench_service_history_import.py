"""Importing service history from another DMS: a flat lines file of 100,000 lines for 20,000
vehicles (5 lines a repair order), through the migration (dms_app/data_exchange/service_history.py:
streamed check pass, then batches of 500 repair orders), at 25,000, 50,000 and 100,000 lines, to
show the time grows with the file and the memory does not.

Each size runs in a process of its own (peak RSS is per process): it makes the 20,000 customer
vehicles (one multi-row insert), writes the CSV to a temporary file, imports it from the path, and
rolls everything back, so the site is left as it was. Reported: seconds, lines per second, the peak
RSS the import added over the process after connecting, and Python's own peak (tracemalloc, in a
second, traced run of the check pass only, which holds no database results).

Baseline in the same run: the same records, each a plain `frappe.get_doc({...}).insert()` of a
Vehicle Service History with its 5 lines (what a hand-written import or ERPNext's Data Import does
per record, without the file handling), on BASELINE lines (default 10,000 = 2,000 records) and
compared per line.

Run (needs the test site, e.g. after ./dms test): ~/frappe-bench/env/bin/python benchmarks/bench_service_history_import.py
Settings: DMS_BENCH (~/frappe-bench), DMS_TEST_SITE (test.dms.localhost), SIZES (25000,50000,100000),
VEHICLES (20000), BASELINE (10000).
"""

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = [int(size) for size in os.environ.get("SIZES", "25000,50000,100000").split(",")]
VEHICLES = int(os.environ.get("VEHICLES", "20000"))
BASELINE = int(os.environ.get("BASELINE", "10000"))
LINES_PER_RO = 5


def connect():
	import frappe

	sites = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser() / "sites"
	os.chdir(sites)
	frappe.init(site=os.environ.get("DMS_TEST_SITE", "test.dms.localhost"), sites_path=str(sites))
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def rss_mib() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_vehicles(frappe, count: int) -> list[str]:
	"""`count` customer vehicles of one benchmark customer, inserted 1,000 a statement."""
	from dms_app.data_exchange.service_history import insert_rows
	from dms_app.tests import factories

	customer = factories.make_customer("Benchmark History Customer")
	now, user = frappe.utils.now_datetime(), frappe.session.user
	vins = [f"BENCHH{index:011d}" for index in range(count)]
	fields = (
		"name",
		"vin",
		"customer",
		"stock_type",
		"status",
		"creation",
		"modified",
		"owner",
		"modified_by",
	)
	for first in range(0, count, 1000):
		insert_rows(
			"Motor Vehicle",
			fields,
			[
				(vin, vin, customer, "Customer", "In Service", now, now, user, user)
				for vin in vins[first : first + 1000]
			],
		)
	return vins


def lines(vins: list[str], count: int):
	"""`count` flat lines: repair order i is on vehicle i mod len(vins), LINES_PER_RO lines each."""
	kinds = (("Labour", "OIL-SVC", "Oil service", 1.2, "", 360), ("Part", "OF-100", "Oil filter", "", 1, 80))
	for index in range(count):
		ro, line = divmod(index, LINES_PER_RO)
		kind = kinds[0 if line == 0 else 1]
		day = f"20{20 + ro % 6}-{1 + ro % 12:02d}-{1 + ro % 28:02d}"
		yield (
			vins[ro % len(vins)],
			f"OLD-{ro:07d}",
			day,
			10000 + ro % 90000,
			"Wang",
			line + 1,
			*kind,
			"Customer",
		)


def write_file(vins, count) -> str:
	handle = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="", encoding="utf-8")
	with handle:
		writer = csv.writer(handle)
		writer.writerow(
			(
				"vin",
				"ro_no",
				"date",
				"mileage",
				"advisor",
				"line_no",
				"type",
				"code",
				"line_description",
				"hours",
				"qty",
				"amount",
				"pay_type",
			)
		)
		writer.writerows(lines(vins, count))
	return handle.name


def run_size(count: int) -> dict:
	frappe = connect()
	from dms_app.data_exchange.migration import migrate
	from dms_app.data_exchange.service_history import ServiceHistoryImport, Stream

	try:
		vins = make_vehicles(frappe, VEHICLES)
		path = write_file(vins, count)
		size_mb = os.path.getsize(path) / 1048576
		start_rss = rss_mib()
		started = time.perf_counter()
		outcome = migrate("service_history.csv", None, path=path)
		seconds = time.perf_counter() - started
		peak = rss_mib() - start_rss
		counts = outcome.counts["service_history"]
		# Python's own peak over the check pass (tracemalloc slows it down: timed above without)
		from frappe.translate import get_all_translations

		zh = get_all_translations("zh")
		importer = ServiceHistoryImport()
		stream = Stream("service_history.csv", path)
		tracemalloc.start()
		checked = sum(1 for _row in importer.lines(stream, importer.columns(zh), zh))
		traced = tracemalloc.get_traced_memory()[1] / 1048576
		tracemalloc.stop()
		os.remove(path)
		return {
			"lines": count,
			"file_mb": round(size_mb, 1),
			"seconds": round(seconds, 1),
			"lines_per_s": round(count / seconds),
			"rss_added_mib": round(peak, 1),
			"peak_rss_mib": round(rss_mib(), 1),
			"check_pass_traced_mib": round(traced, 1),
			"created": counts["created"],
			"failed": counts["failed"],
			"checked": checked,
		}
	finally:
		frappe.db.rollback()
		frappe.destroy()


def run_baseline(count: int) -> dict:
	frappe = connect()
	try:
		vins = make_vehicles(frappe, VEHICLES)
		records = {}
		for vin, ro, day, odometer, advisor, line_no, line_type, code, text, hours, qty, amount, pay in lines(
			vins, count
		):
			doc = records.setdefault(
				ro,
				{
					"doctype": "Vehicle Service History",
					"vehicle": vin,
					"ro_no": ro,
					"service_date": day,
					"odometer": odometer,
					"advisor": advisor,
					"lines": [],
				},
			)
			doc["lines"].append(
				{
					"line_no": line_no,
					"line_type": line_type,
					"code": code,
					"description": text,
					"hours": hours or 0,
					"qty": qty or 0,
					"amount": amount,
					"pay_type": pay,
				}
			)
		start_rss = rss_mib()
		started = time.perf_counter()
		for doc in records.values():
			frappe.get_doc(doc).insert(ignore_permissions=True)
		seconds = time.perf_counter() - started
		return {
			"lines": count,
			"seconds": round(seconds, 1),
			"lines_per_s": round(count / seconds),
			"rss_added_mib": round(rss_mib() - start_rss, 1),
		}
	finally:
		frappe.db.rollback()
		frappe.destroy()


def child(kind: str, count: int):
	result = run_size(count) if kind == "import" else run_baseline(count)
	print("RESULT " + json.dumps(result))


def measure(kind: str, count: int) -> dict:
	done = subprocess.run(
		[sys.executable, __file__, kind, str(count)], capture_output=True, text=True, env=os.environ
	)
	found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
	if not found:
		sys.exit(f"{kind} {count} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
	return json.loads(found[-1][len("RESULT ") :])


def main():
	print(f"{VEHICLES:,} vehicles, {LINES_PER_RO} lines per repair order")
	print(
		"| lines | file MB | seconds | lines/s | process peak RSS MiB | added by the import MiB | check pass traced MiB | records |"
	)
	print("|---|---|---|---|---|---|---|---|")
	results = []
	for count in SIZES:
		result = measure("import", count)
		results.append(result)
		print(
			f"| {result['lines']:,} | {result['file_mb']} | {result['seconds']} | {result['lines_per_s']:,} "
			f"| {result['peak_rss_mib']} | {result['rss_added_mib']} | {result['check_pass_traced_mib']} | {result['created']:,} |",
			flush=True,
		)
	baseline = measure("baseline", BASELINE)
	print(
		f"\nbaseline, get_doc().insert() per record: {baseline['lines']:,} lines in {baseline['seconds']} s, "
		f"{baseline['lines_per_s']:,} lines/s, peak RSS added {baseline['rss_added_mib']} MiB"
	)
	for result in results:
		print(
			f"import of {result['lines']:,} lines: {result['lines_per_s'] / baseline['lines_per_s']:.1f}x the baseline's rate"
		)


if __name__ == "__main__":
	if len(sys.argv) == 3:
		child(sys.argv[1], int(sys.argv[2]))
	else:
		main()
