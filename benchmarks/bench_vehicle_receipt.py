"""Receiving 1,000 new vehicles: a Purchase Receipt with 1,000 VINs, through to the vehicle records.

Baseline in the same run: a plain ERPNext Purchase Receipt of 1,000 serial numbers of an ordinary
serialised item (no dms_app work on it). Both receipts are inserted and submitted on the test site
inside one transaction that is rolled back at the end, so the site is left as it was. Each side runs
REPEATS times, alternating, and the median is reported; a small receipt of each kind warms up first.

Run (needs the test site, e.g. after ./dms test): ~/frappe-bench/env/bin/python benchmarks/bench_vehicle_receipt.py
Settings: DMS_BENCH (~/frappe-bench), DMS_TEST_SITE (test.dms.localhost), N (1000), REPEATS (3).
N=10000 REPEATS=1 checks a 10,000-VIN receipt; the peak RSS each kind of receipt adds is printed
(the vehicle records are written 500 at a time, so it should match the plain receipt's).
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = int(os.environ.get("N", "1000"))
REPEATS = int(os.environ.get("REPEATS", "3"))


def connect():
	import frappe

	sites = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser() / "sites"
	os.chdir(sites)
	frappe.init(site=os.environ.get("DMS_TEST_SITE", "test.dms.localhost"), sites_path=str(sites))
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def peak_rss_mib() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def receipt(frappe, item: str, serials: list[str], warehouse: str):
	from dms_app.tests import factories

	doc = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": factories.make_supplier("Benchmark OEM"),
			"company": factories.default_company(),
			"posting_date": frappe.utils.nowdate(),
			# rows of at most 1,000 serial numbers: a row's Serial No field (TEXT) holds about 4,000
			"items": [
				{
					"item_code": item,
					"qty": len(part),
					"rate": 25000,
					"warehouse": warehouse,
					"serial_no": "\n".join(part),
				}
				for part in (serials[i : i + 1000] for i in range(0, len(serials), 1000))
			],
		}
	)
	started = time.perf_counter()
	doc.insert()
	doc.submit()
	return time.perf_counter() - started


def main():
	frappe = connect()
	from dms_app.tests import factories

	try:
		warehouse = frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse")
		trim = factories.make_vehicle_trim("Honda", "Accord", "BENCH")
		vehicle_item = frappe.db.get_value("Vehicle Trim", trim, "item")
		plain_item = factories.make_item("BENCH-SERIAL", has_serial_no=1, is_stock_item=1)
		batch = iter(range(10**6))

		def vins(n):
			return [factories.make_vin(plant="Z", serial=next(batch)) for _ in range(n)]

		def serials(n):
			return [f"BENCH-SN-{next(batch):07d}" for _ in range(n)]

		receipt(frappe, plain_item, serials(5), warehouse)
		receipt(frappe, vehicle_item, vins(5), warehouse)
		plain, vehicles, growth = [], [], {"plain": 0.0, "vehicles": 0.0}
		for _ in range(REPEATS):
			before = peak_rss_mib()
			plain.append(receipt(frappe, plain_item, serials(N), warehouse))
			growth["plain"] = max(growth["plain"], peak_rss_mib() - before)
			batch_vins = vins(N)
			before = peak_rss_mib()
			vehicles.append(receipt(frappe, vehicle_item, batch_vins, warehouse))
			growth["vehicles"] = max(growth["vehicles"], peak_rss_mib() - before)
			received = frappe.db.count("Motor Vehicle", {"name": ("in", batch_vins), "status": "In Stock"})
			assert received == N, f"{received} of {N} vehicle records in stock"
		plain_s, vehicle_s = statistics.median(plain), statistics.median(vehicles)
		print(f"Purchase Receipt of {N} serial numbers, insert + submit, median of {REPEATS}:")
		print(f"  plain ERPNext (serialised item)        {plain_s:7.2f} s  {plain_s / N * 1000:6.2f} ms/unit")
		print(
			f"  vehicles (VINs → Motor Vehicle records) {vehicle_s:7.2f} s  {vehicle_s / N * 1000:6.2f} ms/unit"
		)
		pairs = [v / p for p, v in zip(plain, vehicles, strict=True)]  # each pair runs back to back
		print(
			f"  dms_app overhead: {(vehicle_s - plain_s) / N * 1000:.2f} ms per vehicle, "
			f"ratio {vehicle_s / plain_s:.2f}x (median of the pairs' ratios {statistics.median(pairs):.2f}x)"
		)
		print(
			f"  peak RSS {peak_rss_mib():.0f} MiB; growth of the peak during a receipt: plain "
			f"{growth['plain']:.0f} MiB, vehicles {growth['vehicles']:.0f} MiB (plain runs first)"
		)
		print(
			"  runs (plain / vehicles): "
			+ ", ".join(f"{p:.1f}/{v:.1f}" for p, v in zip(plain, vehicles, strict=True))
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
