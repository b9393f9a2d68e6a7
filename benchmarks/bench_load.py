"""Load: N desk and portal users at once on gunicorn, DMS pages against ERPNext's in the same run.

Each client is a desk user (Sales Consultant + Service Advisor, and Sales User + Accounts User to open
ERPNext's documents too) and a portal user of one customer. After a warm-up round (not counted, then
a check that lists have rows and the portal pages show the customer's records) it loops over the mix,
shuffled each round, for DURATION seconds: desk lists (`frappe.desk.reportview.get` with the list
view's fields) and forms (`frappe.desk.form.load.getdoc`) of Motor Vehicle, Repair Order, Vehicle Deal,
Sales Invoice and Customer; saving its own draft Repair Order with a labour line's hours changed
against its own draft Quotation with a qty changed (`savedocs`); the portal's /my-vehicles,
/repair-status and status poll against ERPNext's /orders page and its list data call.

The records are committed (the server must see them) and removed at the end, and every table's row
count is compared with the count before. Figures are noisy on a shared machine: compare the ratios of
one run, with the load it prints.

Run on a migrated site of its own (DMS_TEST_SITE=<site> ./dms test tests/integration/test_foundation.py):
  DMS_TEST_SITE=<site> ~/frappe-bench/env/bin/python benchmarks/bench_load.py   # about 2.5 min
Settings: DMS_BENCH (~/frappe-bench), DMS_TEST_SITE (test.dms.localhost), N (8 clients),
WORKERS (gunicorn sync workers, 2 x cores), PORT (a free one), DURATION (30 s), ROWS (25 per doctype).
"""

import os
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

N = int(os.environ.get("N", "8"))
WORKERS = int(os.environ.get("WORKERS", str(2 * (os.cpu_count() or 1))))
PORT = int(os.environ.get("PORT", "0"))
DURATION = float(os.environ.get("DURATION", "30"))
ROWS = max(int(os.environ.get("ROWS", "25")), N)
SITE = os.environ.get("DMS_TEST_SITE", "test.dms.localhost")
DESK_ROLES = ("Sales Consultant", "Service Advisor", "Sales User", "Accounts User")
# endpoint: the ERPNext endpoint it is compared with
BASELINE = {
	"Motor Vehicle list": "Sales Invoice list",
	"Repair Order list": "Sales Invoice list",
	"Vehicle Deal list": "Sales Invoice list",
	"Motor Vehicle form": "Sales Invoice form",
	"Repair Order form": "Sales Invoice form",
	"Vehicle Deal form": "Sales Invoice form",
	"Repair Order line save": "Quotation line save",
	"portal /my-vehicles": "portal /orders",
	"portal /repair-status": "portal /orders",
	"portal repair_status poll": "portal orders list data",
}
STANDARD_FIELDS = ("name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments")
STANDARD_FIELDS += ("_assign", "_liked_by", "docstatus", "idx")
ERPNEXT = (
	"Sales Invoice list",
	"Sales Invoice form",
	"Customer list",
	"Customer form",
	"Quotation line save",
	"portal /orders",
	"portal orders list data",
)
# each counted request names its endpoint in this header; gunicorn's access log records it with the
# time the request spent in a worker (without waiting for a free one)
LABEL_HEADER = "X-Bench-Endpoint"
ACCESS_LOG = "/tmp/dms-bench-load-access.log"
# made by dms_app.tests.portal.make_repair_order unless the site has it
SUBLET_SUPPLIER = "Portal Glass Repairs"
REMOVE_ORDER = ("Sales Order", "Quotation", "Sales Invoice", "Repair Order", "Vehicle Deal", "Motor Vehicle")
# what logging in and browsing leave per user: (doctype, user field)
LOGS = (
	("Activity Log", "user"),
	("Access Log", "user"),
	("Route History", "user"),
	("View Log", "viewed_by"),
	("Sessions", "user"),
	("DefaultValue", "parent"),
	("Version", "docname"),
	("Comment", "reference_name"),
)


def connect():
	sites = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser() / "sites"
	os.chdir(sites)
	frappe.init(site=SITE, sites_path=str(sites))
	frappe.connect()
	frappe.set_user("Administrator")


def table_counts() -> dict[str, int]:
	tables = [row[0] for row in frappe.db.sql("show full tables where Table_type = 'BASE TABLE'")]
	return {t: frappe.db.sql(f"select count(*) from `{t}`")[0][0] for t in tables}


def list_fields(doctype: str) -> list[str]:
	"""The fields the desk list view asks reportview for (frappe/public/js/frappe/list/list_view.js):
	the standard ones, those in the list view, title and image, the list settings' add_fields."""
	meta = frappe.get_meta(doctype)
	names = [*STANDARD_FIELDS] + [
		df.fieldname
		for df in meta.fields
		if (
			df.in_list_view
			and not df.permlevel
			and not df.is_virtual
			and df.fieldtype not in frappe.model.no_value_fields
		)
		or (df.fieldtype == "Currency" and df.options and ":" not in df.options)
		or df.fieldname == "status"
	]
	names += [meta.title_field, meta.image_field, "_seen" if meta.track_seen else None, "enabled", "disabled"]
	script = Path(frappe.get_module_path(meta.module), "doctype", frappe.scrub(doctype))
	script = script / f"{frappe.scrub(doctype)}_list.js"
	if script.exists() and (found := re.search(r"add_fields:\s*\[([^\]]*)\]", script.read_text())):
		names += re.findall(r"[\"']([\w]+)[\"']", found.group(1))
	valid = [
		n for n in dict.fromkeys(filter(None, names)) if n in (*STANDARD_FIELDS, "_seen") or meta.has_field(n)
	]
	return [f"`tab{doctype}`.`{n}`" for n in valid]


def make_records(data: frappe._dict, tag: str, password: str) -> None:
	"""Fills `data` as it goes, so that remove_records finds what a failure left."""
	from frappe.utils import add_days, nowdate
	from frappe.utils.password import update_password

	from dms_app.portal.customer import link_website_user
	from dms_app.tests import factories, portal, repair_orders

	company = factories.default_company()
	data.item = factories.make_item(f"LOAD-{tag}", is_stock_item=0, item_group="All Item Groups")
	for i in range(N):
		user = factories.make_user(f"load-desk-{i}-{tag}@example.com", roles=DESK_ROLES)
		update_password(user, password)
		data.desk.append(user)
	for i in range(5):
		data.customers.append(factories.make_customer(f"Load Customer {tag} {i}"))
	for i in range(ROWS):
		customer = data.customers[i % 5]
		vin = factories.make_customer_vehicle(customer)
		data.docs["Motor Vehicle"].append(vin)
		order = repair_orders.make_repair_order(
			vehicle=vin,
			customer=customer,
			labour=[
				{"job_no": 1, "description": "Inspect front brakes", "flat_hours": 1, "rate": 100},
				{"job_no": 1, "description": "Replace brake pads", "flat_hours": 1.5, "rate": 100},
			],
		)
		data.docs["Repair Order"].append(order.name)
		# the row is all a list and a form read (a valid deal would need a catalogue trim)
		deal = frappe.get_doc(
			{
				"doctype": "Vehicle Deal",
				"company": company,
				"customer": customer,
				"deal_type": "Factory Order",
				"sales_person": data.desk[i % N],
				"transaction_date": nowdate(),
				"vehicle_price": 30000 + i,
			}
		)
		deal.set_new_name()
		deal.db_insert()
		data.docs["Vehicle Deal"].append(deal.name)
		line = {"item_code": data.item, "qty": 1, "rate": 100 + i}
		invoice = frappe.get_doc(
			{"doctype": "Sales Invoice", "customer": customer, "company": company, "items": [line]}
		)
		data.docs["Sales Invoice"].append(invoice.insert().name)
		if i < N:
			quotation = frappe.get_doc(
				{"doctype": "Quotation", "party_name": customer, "company": company, "items": [line]}
			)
			data.docs["Quotation"].append(quotation.insert().name)
	data.portal_customer = factories.make_customer(f"Load Portal {tag}")
	data.new_supplier = not frappe.db.exists("Supplier", SUBLET_SUPPLIER)
	for i in range(N):
		email = f"load-portal-{i}-{tag}@example.com"
		data.portal.append(link_website_user(data.portal_customer, email, password=password))
	vehicles = [portal.make_customer_vehicle(data.portal_customer) for _ in range(3)]
	data.docs["Motor Vehicle"] += vehicles
	data.docs["Repair Order"].append(portal.make_repair_order(data.portal_customer, vehicles[0]).name)
	for i in range(3):
		order = frappe.get_doc(
			{
				"doctype": "Sales Order",
				"customer": data.portal_customer,
				"company": company,
				"transaction_date": nowdate(),
				"delivery_date": add_days(nowdate(), 7),
				"items": [{"item_code": data.item, "qty": 1 + i, "rate": 250}],
			}
		).insert()
		order.submit()
		data.docs["Sales Order"].append(order.name)


def remove_records(data: frappe._dict) -> None:
	"""Deletes what make_records made, then the trail the deletions leave (Deleted Document, the
	"Deleted" feed comments, workflow actions' role rows, the users' logs, naming series begun by the
	run; the counters of series the site had stay where the run left them)."""
	from frappe.model.delete_doc import delete_doc, delete_dynamic_links

	users = data.desk + data.portal
	customers = [c for c in [*data.customers, data.get("portal_customer")] if c]
	links = {"link_doctype": "Customer", "link_name": ("in", customers or [""]), "parenttype": "Contact"}
	contacts = frappe.get_all("Dynamic Link", filters=links, pluck="parent", distinct=True)
	contacts += frappe.get_all("Contact", filters={"user": ("in", users or [""])}, pluck="name")
	actions = frappe.get_all(
		"Workflow Action",
		filters={
			"reference_doctype": "Repair Order",
			"reference_name": ("in", data.docs["Repair Order"] or [""]),
		},
		pluck="name",
	)
	for name in data.docs["Sales Order"]:
		if frappe.db.get_value("Sales Order", name, "docstatus") == 1:
			frappe.get_doc("Sales Order", name).cancel()
	deleted = [
		*((doctype, name) for doctype in REMOVE_ORDER for name in data.docs[doctype]),
		*(("Contact", name) for name in dict.fromkeys(contacts)),
		*(("Customer", name) for name in customers),
		("Item", data.get("item")),
		("Supplier", SUBLET_SUPPLIER if data.get("new_supplier") else None),
		*(("Notification Settings", user) for user in users),
		*(("User", user) for user in users),
	]
	started = frappe.utils.now_datetime()
	for doctype, name in deleted:
		# delete_doc locks without waiting: a background job the run queued may still hold the row
		for attempt in range(10):
			if not name or not frappe.db.exists(doctype, name):
				break
			try:
				delete_doc(doctype, name, force=1, ignore_permissions=True)
				delete_dynamic_links(doctype, name)  # now, not in the background job delete_doc queues
			except frappe.QueryTimeoutError:
				if attempt == 9:
					raise
				time.sleep(3)
	names = [name for _, name in deleted if name] or [""]
	frappe.db.delete("Deleted Document", {"creation": (">=", started), "deleted_name": ("in", names)})
	subjects = [f"{doctype} {name}" for doctype, name in deleted] or [""]
	frappe.db.delete(
		"Comment", {"comment_type": "Deleted", "creation": (">=", started), "subject": ("in", subjects)}
	)
	frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", actions or [""])})
	for doctype, field in LOGS:
		frappe.db.delete(doctype, {field: ("in", users or [""])})
	begun = [row[0] for row in frappe.db.sql("select name from `tabSeries`") if row[0] not in data.series]
	begun = [prefix for prefix in begun if any(name.startswith(prefix) for name in names)]
	frappe.db.delete("Series", {"name": ("in", begun or [""])})


class Client(threading.Thread):
	"""One desk user and one portal user, looping over the mix; `times` maps endpoint to seconds."""

	def __init__(self, index: int, base: str, data, password: str, fields: dict, deadline_at):
		super().__init__()
		from dms_app.tests.http import Session

		self.rng = random.Random(index)
		self.desk_user = data.desk[index]
		self.desk = Session(base, self.desk_user, password, site=SITE)
		self.portal = Session(base, data.portal[index], password, site=SITE)
		self.data, self.fields, self.deadline_at = data, fields, deadline_at
		self.repair_order = data.docs["Repair Order"][index]
		self.quotation = data.docs["Quotation"][index]
		self.own_deals = [name for i, name in enumerate(data.docs["Vehicle Deal"]) if i % N == index]
		self.docs = {}
		self.times, self.errors = defaultdict(list), defaultdict(list)

	def mix(self):
		docs, steps = self.data.docs, []
		forms = {"Motor Vehicle": docs["Motor Vehicle"], "Repair Order": docs["Repair Order"]}
		forms |= {"Vehicle Deal": self.own_deals, "Sales Invoice": docs["Sales Invoice"]}
		forms["Customer"] = self.data.customers
		for doctype, names in forms.items():
			steps.append((f"{doctype} list", lambda d=doctype: self.list(d)))
			steps.append((f"{doctype} form", lambda d=doctype, n=names: self.form(d, self.rng.choice(n))))
		steps.append(
			(
				"Repair Order line save",
				lambda: self.save("Repair Order", self.repair_order, "labour", "flat_hours"),
			)
		)
		steps.append(("Quotation line save", lambda: self.save("Quotation", self.quotation, "items", "qty")))
		steps.append(("portal /my-vehicles", lambda: self.portal.get("/my-vehicles")))
		steps.append(("portal /repair-status", lambda: self.portal.get("/repair-status")))
		steps.append(("portal /orders", lambda: self.portal.get("/orders")))
		steps.append(
			("portal repair_status poll", lambda: self.portal.call("dms_app.api.portal.repair_status"))
		)
		steps.append(
			(
				"portal orders list data",
				lambda: self.portal.call("frappe.www.list.get", doctype="Sales Order", pathname="orders"),
			)
		)
		return steps

	def list(self, doctype):
		return self.desk.call(
			"frappe.desk.reportview.get",
			doctype=doctype,
			fields=self.fields[doctype],
			filters=[],
			order_by=f"`tab{doctype}`.`modified` desc",
			start=0,
			page_length=20,
			view="List",
			group_by="",
			with_comment_count=1,
		)

	def form(self, doctype, name):
		return self.desk.call("frappe.desk.form.load.getdoc", doctype=doctype, name=name)

	def save(self, doctype, name, table, field):
		"""The form as last loaded or saved, one line's `field` toggled, saved as the desk does."""
		doc = self.docs.get(name)
		if doc is None:
			doc = self.form(doctype, name).json()["docs"][0]
		row = doc[table][0]
		row[field] = 2 if row[field] == 1 else 1
		response = self.desk.post("frappe.desk.form.save.savedocs", doc=doc, action="Save")
		self.docs[name] = response.json()["docs"][0] if response.status_code == 200 else None
		return response

	def round(self, record: bool):
		steps = self.mix()
		self.rng.shuffle(steps)
		for endpoint, step in steps:
			for session in (self.desk, self.portal):
				session.http.headers[LABEL_HEADER] = endpoint if record else "-"
			started = time.perf_counter()
			try:
				response = step()
				failure = (
					"" if response.status_code == 200 else f"{response.status_code} {response.text[:300]}"
				)
			except Exception as error:
				failure = repr(error)[:300]
			elapsed = time.perf_counter() - started
			if failure:
				self.errors[endpoint].append(failure)
			elif record:
				self.times[endpoint].append(elapsed)

	def check(self):
		"""After the warm-up: the lists have rows, the portal shows the customer's records."""
		for session in (self.desk, self.portal):
			session.http.headers[LABEL_HEADER] = "-"
		for doctype in self.fields:
			if not (self.list(doctype).json().get("message") or {}).get("values"):
				self.errors["check"].append(f"{doctype} list is empty")
		docs = self.data.docs
		expected = {
			"/my-vehicles": docs["Motor Vehicle"][-1],
			"/repair-status": docs["Repair Order"][-1],
			"/orders": docs["Sales Order"][0],
		}
		for path, name in expected.items():
			response = self.portal.get(path)
			if response.history or name not in response.text:
				self.errors["check"].append(f"{path} does not show {name} ({response.url})")
		if docs["Repair Order"][-1] not in self.portal.call("dms_app.api.portal.repair_status").text:
			self.errors["check"].append("repair_status does not list the customer's order")

	def run(self):
		self.round(record=False)
		try:
			self.check()
		except Exception as error:
			self.errors["check"].append(repr(error)[:300])
		deadline = self.deadline_at()
		while time.perf_counter() < deadline:
			self.round(record=True)


def worker_times() -> dict[str, list[float]]:
	"""{endpoint: seconds in a gunicorn worker} from the access log (`%(D)s` is in microseconds)."""
	times = defaultdict(list)
	for line in Path(ACCESS_LOG).read_text().splitlines():
		endpoint, _, micros = line.rpartition("|")
		if endpoint and endpoint != "-":
			times[endpoint].append(int(micros) / 1e6)
	return times


def report(clients, seconds: float):
	times = defaultdict(list)
	for client in clients:
		for endpoint, values in client.times.items():
			times[endpoint] += values
	p50 = {e: statistics.median(v) * 1000 for e, v in times.items()}
	in_worker = {e: statistics.median(v) * 1000 for e, v in worker_times().items()}

	def ratio(medians, endpoint):
		baseline = BASELINE.get(endpoint, "")
		return (
			f"{medians[endpoint] / medians[baseline]:.2f}x" if {endpoint, baseline} <= medians.keys() else ""
		)

	header = "endpoint | requests | req/s | p50 ms | p95 ms | in worker p50 ms | ERPNext baseline | p50 ratio"
	print(f"| {header} | in worker ratio |")
	print("|---|---|---|---|---|---|---|---|---|")
	for endpoint in [*BASELINE, *ERPNEXT]:
		values = times.get(endpoint, [])
		if not values:
			print(f"| {endpoint} | 0 | | | | | | | |")
			continue
		p95 = statistics.quantiles(values, n=20, method="inclusive")[18] * 1000
		print(
			f"| {endpoint} | {len(values)} | {len(values) / seconds:.1f} | {p50[endpoint]:.0f} | {p95:.0f} "
			f"| {in_worker.get(endpoint, 0):.0f} | {BASELINE.get(endpoint, '')} | {ratio(p50, endpoint)} "
			f"| {ratio(in_worker, endpoint)} |"
		)
	total = sum(len(v) for v in times.values())
	print(f"| total | {total} | {total / seconds:.1f} | | | | | | |")
	for client in clients:
		for endpoint, errors in client.errors.items():
			print(f"  {client.desk_user}: {len(errors)} failed: {endpoint}: {errors[0]}")


def main():
	connect()
	from frappe.utils import random_string

	from dms_app.tests import http

	password = f"Pw-{random_string(12)}"
	before = table_counts()
	series = [row[0] for row in frappe.db.sql("select name from `tabSeries`")]
	data = frappe._dict(desk=[], portal=[], customers=[], docs=defaultdict(list), series=series)
	try:
		make_records(data, random_string(6).lower(), password)
		frappe.db.commit()
		fields = {d: list_fields(d) for d in ("Motor Vehicle", "Repair Order", "Vehicle Deal")}
		fields |= {d: list_fields(d) for d in ("Sales Invoice", "Customer")}
		Path(ACCESS_LOG).unlink(missing_ok=True)
		log_format = f"%({{{LABEL_HEADER.lower()}}}i)s|%(D)s"
		options = ("--access-logfile", ACCESS_LOG, "--access-logformat", log_format)
		server = http.serve_gunicorn(SITE, WORKERS, PORT or None, "/tmp/dms-bench-load-gunicorn.log", options)
		with server as base:
			window = {}
			ready = threading.Barrier(N + 1, action=lambda: window.update(end=time.perf_counter() + DURATION))

			def deadline_at():
				ready.wait(timeout=600)
				return window["end"]

			clients = [Client(i, base, data, password, fields, deadline_at) for i in range(N)]
			for client in clients:
				client.start()
			ready.wait(timeout=600)
			started = window["end"] - DURATION
			for client in clients:
				client.join()
			seconds = time.perf_counter() - started
		load = os.getloadavg()
		print(
			f"{SITE}: {N} clients, {WORKERS} gunicorn workers, {seconds:.0f} s after a warm-up round; "
			f"{ROWS} records per desk doctype; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
			f"on {os.cpu_count()} cores"
		)
		report(clients, seconds)
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		remove_records(data)
		frappe.db.commit()
		after = table_counts()
		changed = {t: after.get(t, 0) - before.get(t, 0) for t in after.keys() | before.keys()}
		changed = {t: d for t, d in changed.items() if d}
		print("site left as found" if not changed else f"row counts changed: {changed}")
		frappe.destroy()


if __name__ == "__main__":
	main()
