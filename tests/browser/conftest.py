"""Browser tests drive headless Chromium (Debian's chromium, npm's playwright-core: `./dms setup`
installs both) against a web server that the `served_site` fixture starts on the test site, on a
free port, and stops afterwards. DMS_PORTAL_URL (with DMS_SITE) points them at a server already
running instead, e.g. the demo that `./dms up` serves.

Without Chromium, playwright-core or a site they skip with the reason, unless DMS_REQUIRE_BROWSER=1
(`./dms test` sets it), which makes that a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("DMS_SHOTS", "/tmp/dms-browser-shots"))
NODE_PATHS = [
	os.environ.get("DMS_PLAYWRIGHT_NODE_PATH", ""),
	str(BENCH / "dms-cache" / "node" / "node_modules"),
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


def answers(base: str) -> bool:
	try:
		with urllib.request.urlopen(base + "/api/method/ping", timeout=5) as response:
			return response.status == 200
	except OSError:
		return False


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class ServedSite:
	def __init__(self, name: str, base: str):
		self.name, self.base = name, base

	def execute(self, method: str, **kwargs):
		"""Run a dms_app function on the served site through Frappe's CLI (which commits); returns
		the JSON it printed last."""
		result = subprocess.run(
			[
				str(BENCH / "env" / "bin" / "python"),
				*("-m", "frappe.utils.bench_helper", "frappe", "--site", self.name, "execute", method),
				*("--kwargs", json.dumps(kwargs)),
			],
			cwd=BENCH / "sites",
			capture_output=True,
			text=True,
			timeout=300,
		)
		assert result.returncode == 0, result.stderr[-3000:]
		return json.loads(result.stdout.strip().splitlines()[-1])


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
def served_site(browser_env):
	if url := os.environ.get("DMS_PORTAL_URL"):
		site = os.environ.get("DMS_SITE", "dms.localhost")
		if not answers(url):
			missing(f"no web server at {url}")
		yield ServedSite(site, url)
		return
	site = os.environ.get("DMS_TEST_SITE", "test.dms.localhost")
	if not (BENCH / "sites" / site / "site_config.json").exists():
		missing(f"no site {site} in {BENCH} (./dms test makes it)")
	port = free_port()
	base = f"http://127.0.0.1:{port}"
	log = open(SHOTS / "web-server.log", "wb")
	server = subprocess.Popen(
		[
			str(BENCH / "env" / "bin" / "python"),
			*("-m", "frappe.utils.bench_helper", "frappe", "--site", site, "serve"),
			*("--port", str(port), "--noreload", "--nothreading"),
		],
		cwd=BENCH / "sites",
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)
	try:
		for _ in range(120):
			if answers(base) or server.poll() is not None:
				break
			time.sleep(0.5)
		if not answers(base):
			pytest.fail(f"the web server for {site} did not start: see {log.name}", pytrace=False)
		yield ServedSite(site, base)
	finally:
		os.killpg(server.pid, 15)
		server.wait(timeout=30)
		log.close()
