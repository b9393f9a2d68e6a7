"""Browser tests drive headless Chromium (Debian's chromium, npm's playwright-core: `./dms setup`
installs both) against a web server that the `served_site` fixture starts on the test site, on a
free port, and stops afterwards. DMS_PORTAL_URL (with DMS_SITE) points them at a server already
running instead, e.g. the demo that `./dms up` serves.

Without Chromium, playwright-core or a site they skip with the reason, unless DMS_REQUIRE_BROWSER=1
(`./dms test` sets it), which makes that a failure.
"""

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dms_app.tests import http

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("DMS_SHOTS", "/tmp/dms-browser-shots"))
NODE_PATHS = [
	os.environ.get("DMS_PLAYWRIGHT_NODE_PATH", ""),
	str(http.BENCH / "dms-cache" / "node" / "node_modules"),
]


def missing(reason: str):
	if os.environ.get("DMS_REQUIRE_BROWSER") == "1":
		pytest.fail(reason, pytrace=False)
	pytest.skip(reason)


def playwright_path(node: str) -> str | None:
	for candidate in filter(None, NODE_PATHS):
		probe = subprocess.run(
			[node, "-e", "require('playwright-core')"],
			env={**os.environ, "NODE_PATH": candidate},
			capture_output=True,
		)
		if probe.returncode == 0:
			return candidate
	return None


class ServedSite:
	def __init__(self, name: str, base: str, here: bool = False):
		self.name, self.base, self.here = name, base, here

	def execute(self, method: str, **kwargs):
		"""Run a dms_app function on the served site and commit, as Frappe's CLI `execute` does; returns
		its result as JSON data. In this process when it is connected to that site (the test site,
		which `served_site` serves), else through the CLI."""
		if self.here:
			return execute_here(method, kwargs)
		result = subprocess.run(
			[
				str(http.BENCH / "env" / "bin" / "python"),
				*("-m", "frappe.utils.bench_helper", "frappe", "--site", self.name, "execute", method),
				*("--kwargs", json.dumps(kwargs)),
			],
			cwd=http.BENCH / "sites",
			capture_output=True,
			text=True,
			timeout=300,
		)
		assert result.returncode == 0, result.stderr[-3000:]
		return json.loads(result.stdout.strip().splitlines()[-1])


def execute_here(method: str, kwargs: dict):
	import frappe

	frappe.set_user("Administrator")
	try:
		result = frappe.get_attr(method)(**kwargs)
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		raise
	finally:
		frappe.set_user("Administrator")
	return json.loads(frappe.as_json(result))


@pytest.fixture(scope="session")
def browser_env():
	"""(node, NODE_PATH with playwright-core)."""
	node = shutil.which("node")
	if not node:
		missing("node is not installed")
	if not os.access(CHROMIUM, os.X_OK):
		missing(f"no chromium at {CHROMIUM} (./dms setup installs it, or set CHROMIUM)")
	node_path = playwright_path(node)
	if not node_path:
		missing("npm package playwright-core not found (./dms setup installs it)")
	SHOTS.mkdir(parents=True, exist_ok=True)
	return node, node_path


@pytest.fixture(scope="session")
def shots() -> Path:
	"""Where browser tests put their screenshots."""
	return SHOTS


@pytest.fixture(scope="session")
def served_site(browser_env, request):
	if url := os.environ.get("DMS_PORTAL_URL"):
		site = os.environ.get("DMS_SITE", "dms.localhost")
		if not http.answers(url):
			missing(f"no web server at {url}")
		yield ServedSite(site, url)
		return
	site = os.environ.get("DMS_TEST_SITE", "test.dms.localhost")
	if not (http.BENCH / "sites" / site / "site_config.json").exists():
		missing(f"no site {site} in {http.BENCH} (./dms test makes it)")
	here = request.getfixturevalue("frappe_site") == site  # this process is connected to it
	with contextlib.ExitStack() as stack:
		try:
			base = stack.enter_context(http.serve(site, str(SHOTS / "web-server.log")))
		except RuntimeError as e:
			pytest.fail(str(e), pytrace=False)
		yield ServedSite(site, base, here=here)
