"""pytest from the repo root runs everything.

Pure-Python tests (tests/unit, benchmarks' helpers) need no site. Tests under dms_app/ and
tests/integration/ are marked `site`: they run against a real Frappe site (MariaDB, Redis, ERPNext,
dms_app) found through DMS_BENCH (default ~/frappe-bench) and DMS_TEST_SITE (default
test.dms.localhost), inside a transaction that is rolled back after each test.

Without a site those tests are skipped, unless DMS_REQUIRE_SITE=1 (set by `./dms test`), which
turns a missing site into an error so CI can't pass without its integration tests.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SITE_DIRS = (ROOT / "dms_app", ROOT / "tests" / "integration")


def pytest_collection_modifyitems(config, items):
	for item in items:
		path = Path(str(item.fspath)).resolve()
		if any(path.is_relative_to(d) for d in SITE_DIRS):
			item.add_marker(pytest.mark.site)


def _site_location() -> tuple[Path, str]:
	bench = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser()
	return bench / "sites", os.environ.get("DMS_TEST_SITE", "test.dms.localhost")


@pytest.fixture(scope="session")
def frappe_site():
	"""Connect once to the test site as Administrator; yields the site name."""
	sites, site = _site_location()
	try:
		import frappe
	except ImportError:
		frappe = None
	if frappe is None or not (sites / site / "site_config.json").exists():
		reason = f"no Frappe site {site} in {sites} (run ./dms test)"
		if os.environ.get("DMS_REQUIRE_SITE") == "1":
			pytest.fail(reason, pytrace=False)
		pytest.skip(reason)
	os.chdir(sites)
	frappe.init(site=site, sites_path=str(sites))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	yield site
	frappe.db.rollback()
	frappe.destroy()


@pytest.fixture(autouse=True)
def _site_transaction(request):
	"""Each site test starts clean and leaves the database as it found it."""
	if request.node.get_closest_marker("site") is None:
		yield
		return
	request.getfixturevalue("frappe_site")
	import frappe

	frappe.db.rollback()
	forget_process_state(frappe)
	frappe.set_user("Administrator")
	yield
	frappe.db.rollback()
	forget_process_state(frappe)
	frappe.set_user("Administrator")
	frappe.clear_messages()


def forget_process_state(frappe):
	"""What one test leaves in this process must not make Frappe commit the next test's data: the
	print view's access log and queued mail commit outside test mode or inside a GET request (a page
	test sets `frappe.local.request`), and outgoing email accounts cached by a rolled-back test would
	send (and commit) at once."""
	frappe.flags.in_test = True
	if hasattr(frappe.local, "request"):  # Frappe tests presence, not value
		del frappe.local.request
	frappe.local.outgoing_email_account = {}
	frappe.local.form_dict = frappe._dict()
	frappe.local.lang = "en"
