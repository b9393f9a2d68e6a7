"""Closing and invoicing 500 repair orders of 5 labour + 5 parts lines each, one after another
(dms_app.service.invoicing.complete_many), with the share of the wall time spent in
ERPNext's own Sales Invoice submit measured in the same run.

Setup (not timed): 500 repair orders on the test site, authorised, parts issued to the workshop.
Timed: complete_many over them (completion checks, Sales Invoice built, inserted and submitted with
stock update from the workshop, status moves through the workflow). Everything happens in one
transaction rolled back at the end, so the site is left as it was.

Run (needs the test site, e.g. after ./dms test): ~/frappe-bench/env/bin/python benchmarks/bench_repair_order_invoicing.py
Settings: DMS_BENCH (~/frappe-bench), DMS_TEST_SITE (test.dms.localhost), N (500).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = int(os.environ.get("N", "500"))


def connect():
	import frappe

	sites = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser() / "sites"
	os.chdir(sites)
	frappe.init(site=os.environ.get("DMS_TEST_SITE", "test.dms.localhost"), sites_path=str(sites))
	frappe.connect()
	frappe.set_user("Administrator")
	return frappe


def setup(frappe) -> list[str]:
	from frappe.model.workflow import apply_workflow

	from dms_app.service import parts
	from dms_app.tests import factories
	from dms_app.tests import repair_orders as rt

	items = [rt.make_part(qty=N * 2, rate=10 + i, selling=20 + 2 * i) for i in range(5)]
	operations = [rt.make_labour_operation(hours=0.5 + i / 2, rate=110) for i in range(5)]
	technician = rt.make_employee()
	customer = factories.make_customer()
	names = []
	for _n in range(N):
		order = rt.make_repair_order(
			vehicle=rt.make_customer_vehicle(customer),
			customer=customer,
			labour=[{"job_no": 1, "labour_operation": op, "technician": technician} for op in operations],
			parts=[{"job_no": 1, "item_code": item, "qty": 1} for item in items],
		)
		apply_workflow(order, "Start Work")
		parts.issue(order.name)
		names.append(order.name)
	return names


def main():
	frappe = connect()
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import SalesInvoice

	from dms_app.service.invoicing import complete_many

	spent = {"insert": 0.0, "submit": 0.0, "count": 0}
	originals = {"insert": SalesInvoice.insert, "submit": SalesInvoice.submit}

	def timed(step):
		def run(self, *args, **kwargs):
			started = time.perf_counter()
			try:
				return originals[step](self, *args, **kwargs)
			finally:
				spent[step] += time.perf_counter() - started
				spent["count"] += step == "submit"

		return run

	try:
		started = time.perf_counter()
		names = setup(frappe)
		print(f"setup: {N} repair orders, parts issued, in {time.perf_counter() - started:.1f} s")
		SalesInvoice.insert, SalesInvoice.submit = timed("insert"), timed("submit")
		started = time.perf_counter()
		result = complete_many(names, commit=False)
		wall = time.perf_counter() - started
		assert result["done"] == N and spent["count"] == N, (result, spent)
		print(
			f"complete_many: {N} repair orders closed and invoiced in {wall:.1f} s ({wall / N * 1000:.0f} ms each)"
		)
		erpnext = spent["insert"] + spent["submit"]
		print(
			f"ERPNext Sales Invoice submit: {spent['submit']:.1f} s = {spent['submit'] / wall:.0%} of the wall time"
		)
		print(
			f"ERPNext Sales Invoice insert (validation): {spent['insert']:.1f} s = {spent['insert'] / wall:.0%}"
		)
		print(
			f"everything else (dms_app checks, workflow, vehicle): {wall - erpnext:.1f} s = {1 - erpnext / wall:.0%}"
		)
	finally:
		SalesInvoice.insert, SalesInvoice.submit = originals["insert"], originals["submit"]
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
