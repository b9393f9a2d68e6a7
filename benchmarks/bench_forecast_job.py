"""The weekly parts job end to end on a site: 5,000 item x warehouse series in the real stock ledger tables.

Fills the site's tables (inside one transaction that is rolled back at the end, so the site is left as
it was) with a synthetic catalogue: 2,500 parts in 2 warehouses, 24 months of demand shaped like
bench_forecast_accuracy's synthetic set, written as Delivery Note and Material Issue stock ledger entries,
plus transfers and receipts that must be ignored, and a Bin per series. Then runs the Forecast Run
exactly as the scheduler would (chunks of 500, extraction SQL, forecasts, Demand Forecast rows, draft
Material Requests) and prints where the time goes.

Run from the bench's sites folder with the bench's Python (site: $DMS_TEST_SITE or test.dms.localhost):
  cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/bench_forecast_job.py [site]
"""

import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_forecast_accuracy import synthetic_demand

N_ITEMS = 2500
MONTHS = 24
SEED = 20261123


def populate(frappe, run_day):
	"""Bulk-insert items, stock ledger entries and bins; returns (series, demand entries, ignored entries)."""
	from frappe.utils import add_months, get_first_day, now_datetime

	from dms_app.planning.periods import history_window

	settings = frappe.get_single("DMS Settings")
	# a second stocking location (the workshop's consumption counts for the parts store, so not that one)
	taken = [
		settings.get(f)
		for f in (
			"parts_warehouse",
			"workshop_warehouse",
			"new_vehicle_warehouse",
			"used_vehicle_warehouse",
			"in_transit_warehouse",
		)
	]
	second = frappe.get_all(
		"Warehouse",
		filters={"company": settings.company, "is_group": 0, "name": ("not in", taken)},
		pluck="name",
		order_by="name",
		limit=1,
	)
	warehouses = [settings.parts_warehouse, second[0]]
	demand, _ = synthetic_demand(N_ITEMS * len(warehouses), MONTHS, seed=SEED)
	rng = np.random.default_rng(SEED)
	now, user = now_datetime(), "Administrator"
	std = ["creation", "modified", "owner", "modified_by"]
	items = [f"BENCH-{i:05d}" for i in range(N_ITEMS)]
	frappe.db.bulk_insert(
		"Item",
		[
			"name",
			"item_code",
			"item_name",
			"item_group",
			"stock_uom",
			"is_stock_item",
			"is_purchase_item",
			*std,
		],
		[[i, i, i, "Parts", "Nos", 1, 1, now, now, user, user] for i in items],
	)
	start, _ = history_window(run_day, MONTHS)
	entries = [[f"BENCH-SE-{m}-{p}", p, now, now, user, user, 1] for m in range(MONTHS) for p in ("I", "T")]
	frappe.db.bulk_insert(
		"Stock Entry",
		["name", "purpose", *std, "docstatus"],
		[[name, "Material Issue" if p == "I" else "Material Transfer", *rest] for name, p, *rest in entries],
	)
	rows, ignored, series = [], 0, 0
	for s in range(len(demand)):
		item, warehouse = items[s % N_ITEMS], warehouses[s // N_ITEMS]
		series += bool(demand[s].any())
		for m in np.flatnonzero(demand[s]):
			day = get_first_day(add_months(start, int(m))).replace(day=int(rng.integers(1, 28)))
			voucher = (
				("Delivery Note", f"BENCH-DN-{s}-{m}")
				if rng.random() < 0.6
				else ("Stock Entry", f"BENCH-SE-{m}-I")
			)
			rows.append([*voucher, item, warehouse, day, -float(demand[s, m])])
			if rng.random() < 0.2:  # a transfer out of the same warehouse: not demand
				rows.append(["Stock Entry", f"BENCH-SE-{m}-T", item, warehouse, day, -1.0])
				ignored += 1
	fields = [
		"name",
		"voucher_type",
		"voucher_no",
		"item_code",
		"warehouse",
		"posting_date",
		"actual_qty",
		"company",
		"is_cancelled",
		"docstatus",
		*std,
	]
	frappe.db.bulk_insert(
		"Stock Ledger Entry",
		fields,
		[
			[f"BENCH-SLE-{k}", *row, settings.company, 0, 1, now, now, user, user]
			for k, row in enumerate(rows)
		],
	)
	on_hand = rng.integers(0, 8, len(demand))
	frappe.db.bulk_insert(
		"Bin",
		["name", "item_code", "warehouse", "actual_qty", "projected_qty", *std],
		[
			[
				f"BENCH-BIN-{s}",
				items[s % N_ITEMS],
				warehouses[s // N_ITEMS],
				int(q),
				int(q),
				now,
				now,
				user,
				user,
			]
			for s, q in enumerate(on_hand)
		],
	)
	return series, len(rows) - ignored, ignored


def main():
	import frappe

	site = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DMS_TEST_SITE", "test.dms.localhost")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.flags.in_test = True  # no commits: everything below is rolled back
	try:
		from frappe.utils import getdate, nowdate

		from dms_app.planning import parts
		from dms_app.planning.results import forecast_series
		from dms_app.planning.runs import create_run, execute_run

		frappe.db.set_single_value("DMS Settings", "planning_chunk_size", 500)
		frappe.db.set_single_value("DMS Settings", "draft_material_requests", 1)
		frappe.db.delete("Demand Forecast")
		frappe.db.delete("Forecast Run")
		started = time.perf_counter()
		series, demand_rows, ignored = populate(frappe, getdate(nowdate()))
		print(
			f"site {site}: {series:,} series with demand ({N_ITEMS:,} parts x 2 warehouses, {MONTHS} months),"
			f" {demand_rows:,} demand ledger entries + {ignored:,} transfers; loaded in"
			f" {time.perf_counter() - started:.1f} s"
		)

		name = create_run("Parts Forecast")
		started = time.perf_counter()
		status = execute_run(name)
		total = time.perf_counter() - started
		run = frappe.get_doc("Forecast Run", name)
		print(
			f"\nparts job end to end: {total:.1f} s, {status}, {run.series_count:,} series in {run.total_chunks}"
			f" chunks, {run.forecasts_written:,} forecasts, {run.suggestions:,} Material Request lines drafted,"
			f" holdout accuracy (1 - WAPE) {run.accuracy:.1f} %"
		)

		print("run log (tail):\n  " + "\n  ".join(run.log.splitlines()[-3:]))

		keys = parts.series_keys(run)
		chunk = keys[:500]
		timings = {}
		t = time.perf_counter()
		parts.series_keys(run)
		timings["series list (1 query)"] = time.perf_counter() - t
		t = time.perf_counter()
		rows = parts.monthly_demand(run, chunk)
		timings["extraction per chunk of 500"] = time.perf_counter() - t
		from dms_app.planning.periods import build_histories

		start = getdate(run.history_from)
		histories = build_histories(
			[tuple(k) for k in chunk], [((i, w), getdate(m), q) for i, w, m, q in rows], start, MONTHS
		)
		t = time.perf_counter()
		forecast_series(histories, parts.HORIZON, *parts.settings_periods())
		timings["forecast + policies per chunk"] = time.perf_counter() - t
		t = time.perf_counter()
		parts.process_chunk(run, chunk)
		timings["whole chunk (incl. writing 500 rows)"] = time.perf_counter() - t
		t = time.perf_counter()
		parts.reorder_lines(run)
		timings["reorder check (all series)"] = time.perf_counter() - t
		print("\n| step | seconds |\n|---|---|")
		for label, seconds in timings.items():
			print(f"| {label} | {seconds:.2f} |")
		print(
			f"\nseries per second end to end: {run.series_count / total:,.0f};"
			f" max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
