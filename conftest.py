"""pytest from the repo root runs everything.

Pure-Python tests (tests/unit, benchmarks' helpers) need no site. Tests under dms_app/ and
tests/integration/ are marked `site`: they run against a real Frappe site (MariaDB, Redis, ERPNext,
dms_app) found through DMS_BENCH (default ~/frappe-bench) and DMS_TEST_SITE (default
test.dms.localhost), inside a transaction that is rolled back after each test.

Without a site those tests are skipped, unless DMS_REQUIRE_SITE=1 (set by `./dms test`), which
turns a missing site into an error so CI can't pass without its integration tests.

The whole suite (pytest without paths) runs in one pytest-xdist worker per site in DMS_TEST_SITES
(`./dms test` makes two alike), each worker on its own site so that no test sees another's rows or
locks; the browser tests stay together on one worker, which serves its site to Chromium. A run of
some paths, or with -n given, runs as asked.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SITE_DIRS = (ROOT / "dms_app", ROOT / "tests" / "integration")
BROWSER_DIR = ROOT / "tests" / "browser"


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
	for item in items:
		path = Path(str(item.fspath)).resolve()
		if any(path.is_relative_to(d) for d in SITE_DIRS):
			item.add_marker(pytest.mark.site)
		elif path.is_relative_to(BROWSER_DIR):
			item.add_marker(pytest.mark.xdist_group("browser"))
		if item.get_closest_marker("xdist_group") is None and uses_a_module_fixture(item):
			# one worker runs them one after another: the module's fixture is built once, not once
			# per worker or each time a worker comes back to the module between other tests
			item.add_marker(pytest.mark.xdist_group(str(path.relative_to(ROOT))))
	result = yield
	if hasattr(config, "workerinput"):
		# a worker re-reads the command line, so it never sees the loadgroup pytest_cmdline_main chose
		# for the whole suite: name the groups in every worker (harmless to other schedulers)
		name_the_groups(items)
	return result


def name_the_groups(items) -> None:
	"""xdist's loadgroup finds an item's group in its node id (`path::test@group`), which its worker
	sets through `item._nodeid`; pytest 9 keeps the id in `item._id`, so without this every test was
	a work unit of its own, whatever its group."""
	try:
		from _pytest.nodeid import coerce_node_id
	except ImportError:  # an older pytest: xdist's own naming works
		return
	for item in items:
		names = {
			str(m.args[0] if m.args else m.kwargs.get("name", "default"))
			for m in item.iter_markers("xdist_group")
		}
		if names and "@" not in item.nodeid:
			item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(sorted(names))}")


def uses_a_module_fixture(item) -> bool:
	info = getattr(item, "_fixtureinfo", None)
	return bool(info) and any(defs[-1].scope == "module" for defs in info.name2fixturedefs.values() if defs)


def _site_location() -> tuple[Path, str]:
	bench = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser()
	return bench / "sites", os.environ.get("DMS_TEST_SITE", "test.dms.localhost")


def _worker_sites() -> list[str]:
	"""The sites of DMS_TEST_SITES (comma-separated) that exist."""
	sites, _site = _site_location()
	names = [name for name in os.environ.get("DMS_TEST_SITES", "").split(",") if name]
	return [name for name in names if (sites / name / "site_config.json").exists()]


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
	"""The whole suite runs in one worker per test site (before xdist reads its options)."""
	if (
		hasattr(config, "workerinput")
		or not config.pluginmanager.has_plugin("xdist")
		or config.option.numprocesses is not None
		or config.option.dist != "no"
		or config.args_source != pytest.Config.ArgsSource.TESTPATHS
	):
		return
	if len(sites := _worker_sites()) > 1:
		config.option.numprocesses = len(sites)
		config.option.dist = "loadgroup"


def pytest_configure(config):
	"""An xdist worker tests the site of its number (gw0 the first of DMS_TEST_SITES)."""
	if not hasattr(config, "workerinput") or not os.environ.get("DMS_TEST_SITES"):
		return
	sites, number = _worker_sites(), int(config.workerinput["workerid"].removeprefix("gw"))
	if number >= len(sites):
		raise pytest.UsageError(f"worker {number + 1} has no site: DMS_TEST_SITES names {len(sites)}")
	os.environ["DMS_TEST_SITE"] = sites[number]


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
	with employees_keep_the_site_cache(frappe):
		yield site
	frappe.db.rollback()
	frappe.destroy()


@contextmanager
def employees_keep_the_site_cache(frappe):
	"""ERPNext's Employee.on_update clears every cache of the site (each DocType's meta, each cached
	document, in Redis) on every save, and tests make technicians often: each one cost the tests
	after it seconds rebuilding a hundred metas. Here an employee's save clears its user's caches;
	the records it changes clear their own (Document.save does), and User.save its user's."""
	from erpnext.setup.doctype.employee.employee import Employee

	on_update = Employee.on_update

	def on_update_sparing_the_cache(self):
		clear_cache = frappe.clear_cache

		def clear_user_cache(user=None, doctype=None):
			if user or doctype:
				clear_cache(user=user, doctype=doctype)
			elif self.user_id:
				clear_cache(user=self.user_id)

		frappe.clear_cache = clear_user_cache
		try:
			on_update(self)
		finally:
			frappe.clear_cache = clear_cache

	Employee.on_update = on_update_sparing_the_cache
	try:
		yield
	finally:
		Employee.on_update = on_update


@pytest.fixture(autouse=True)
def _site_transaction(request):
	"""Each site test starts clean and leaves the database as it found it: rolled back, or rolled back
	to its module's shared data while a module holds some (`module_transaction`)."""
	if request.node.get_closest_marker("site") is None:
		yield
		return
	request.getfixturevalue("frappe_site")
	import frappe

	ModuleTransaction.roll_back(frappe)
	forget_process_state(frappe)
	frappe.set_user("Administrator")
	yield
	ModuleTransaction.roll_back(frappe)
	forget_process_state(frappe)
	frappe.set_user("Administrator")
	frappe.clear_messages()


class ModuleTransaction:
	"""The data a test module builds once and shares between its tests (`module_transaction`).

	They stay uncommitted: `keep()` sets a savepoint after them, and while the module runs each test
	rolls back to that savepoint instead of rolling the whole transaction back, so each test still
	leaves the site as it found it, the shared data in place; the module's end rolls everything back.
	A savepoint undoes only the database, so the rollback also runs the rollback callbacks a test added
	(Frappe's rollback does: they drop cached documents and metas the test changed, in Redis) and drops
	the commit callbacks it added (a rollback discards them). A test that commits, or rolls back the
	whole transaction, loses the savepoint and fails at the next rollback; such a test can't share."""

	SAVEPOINT = "dms_module_data"
	CALLBACKS = ("before_commit", "after_commit", "before_rollback", "after_rollback")
	active: "ModuleTransaction | None" = None

	def __init__(self):
		self.kept: dict[str, int] | None = None  # the callbacks queued at the savepoint, per queue

	def keep(self) -> None:
		"""Call at the end of the module fixture that built the data: what the tests start from."""
		import frappe

		frappe.db.savepoint(self.SAVEPOINT)
		self.kept = {name: len(getattr(frappe.db, name)._functions) for name in self.CALLBACKS}

	@classmethod
	def roll_back(cls, frappe) -> None:
		"""Back to the module's savepoint while a module holds shared data, else the whole transaction."""
		if (shared := cls.active) is None:
			frappe.db.rollback()
			return
		if shared.kept is None:  # nothing kept yet (or its build failed): nothing to share
			frappe.db.rollback()
			return
		added = {}
		for name, count in shared.kept.items():
			queue = getattr(frappe.db, name)._functions  # a deque: what came after the savepoint goes
			added[name] = [queue.pop() for _ in range(len(queue) - count)][::-1]
		for callback in added["before_rollback"]:
			callback()
		frappe.db.rollback(save_point=cls.SAVEPOINT)
		for callback in added["after_rollback"]:
			callback()


@pytest.fixture(scope="module")
def module_transaction(frappe_site):
	"""For a module-scoped fixture that builds data its module's tests share (see ModuleTransaction):
	request this fixture, build the records and call `module_transaction.keep()`. It starts from a
	clean transaction and rolls all back when the module is done. Tests of such a module run in one
	pytest-xdist worker, one after another (pytest_collection_modifyitems), so the data is built once."""
	import frappe

	frappe.db.rollback()
	forget_process_state(frappe)
	frappe.set_user("Administrator")
	ModuleTransaction.active = shared = ModuleTransaction()
	try:
		yield shared
	finally:
		ModuleTransaction.active = None
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
	frappe.db.value_cache.clear()  # single values read before a rollback (get_single_value's cache)
	if hasattr(frappe.local, "request"):  # Frappe tests presence, not value
		del frappe.local.request
	frappe.local.outgoing_email_account = {}
	frappe.local.form_dict = frappe._dict()
	frappe.local.lang = "en"
