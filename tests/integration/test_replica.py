"""Heavy reports and KPI reads run under ``frappe.read_only()``: on a site with a replica
(site config ``read_from_replica``, ``replica_host``, ``replica_db_port``) they read from it.

The replica here is a private MariaDB (own data directory, port and socket; started and stopped by the
test, never the shared server) holding a copy of the test site's database plus a marker repair order
only it has: the report shows the marker when the site points at the replica, and the primary never
sees it. Without the MariaDB server binaries the test is skipped, or fails under
DMS_REQUIRE_PRIVATE_MARIADB=1 (set by ./dms test)."""

import json
import os

import frappe
import pytest

from dms_app.tests.backups import PrivateMariaDB, mariadb_binaries, site_python

MARKER = "RO-REPLICA-MARKER"
REPORT = "dms_app.service.report.repair_orders_by_status_and_age.repair_orders_by_status_and_age"
# One read per process: Frappe v15 switches to the replica only on the first read_only call of a
# process (later calls find the replica connection set up and keep the primary); requests and jobs
# start afresh, so each of them reads from the replica.
READS = {
	"REPORT": f"from {REPORT} import execute\nrows = [row.name for row in execute({{}})[1]]",
	"DESK": "from frappe.desk.query_report import run\n"
	'rows = [row["name"] for row in run("Repair Orders by Status and Age")["result"]]',
}


def read(site: str, how: str, conf: dict | None = None) -> tuple[list, object]:
	"""The report's rows read ``how``, and whether the primary (outside read_only) has the marker."""
	out = site_python(
		site,
		READS[how] + "\nprint('ROWS', json.dumps(rows))\n"
		f"print('PRIMARY', json.dumps(frappe.db.exists('Repair Order', {MARKER!r})))",
		conf,
	)
	found = parse(out)
	return found["ROWS"], found["PRIMARY"]


@pytest.fixture
def replica(frappe_site):
	if reason := mariadb_binaries():
		if os.environ.get("DMS_REQUIRE_PRIVATE_MARIADB") == "1":
			pytest.fail(reason, pytrace=False)
		pytest.skip(reason)
	server = PrivateMariaDB()
	try:
		server.start()
		server.load_site_database(frappe.conf)
		company = frappe.db.get_single_value("DMS Settings", "company") or ""
		server.sql(
			"INSERT INTO `tabRepair Order` (name, status, docstatus, company, customer_name, opened_on, "
			f"creation, modified) VALUES ('{MARKER}', 'Open', 0, '{company}', 'Replica', NOW(), NOW(), NOW())",
			database=frappe.conf.db_name,
		)
		yield server
	finally:
		server.destroy()


def parse(out: str) -> dict:
	return {
		line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in out.splitlines() if " " in line
	}


def selects(server) -> int:
	return int(server.sql("SHOW GLOBAL STATUS LIKE 'Com_select'").stdout.split()[1])


def test_reports_and_kpis_read_from_the_replica(replica):
	site = frappe.local.site
	conf = {"read_from_replica": 1, "replica_host": "127.0.0.1", "replica_db_port": replica.port}
	before = selects(replica)
	for how in READS:
		rows, on_primary = read(site, how, conf)
		assert MARKER in rows, how
		assert on_primary is None  # writes and plain reads stay on the primary
	assert selects(replica) > before

	# the KPI number card's method too
	kpi = site_python(
		site,
		"from dms_app.api.vehicles import vehicle_stock_value\nprint('KPI', vehicle_stock_value()['value'])",
		conf,
	)
	assert "KPI " in kpi
	assert selects(replica) > before

	# the same site without a replica reads the primary: no marker
	for how in READS:
		assert MARKER not in read(site, how)[0], how
