"""HTTP tests against a web server on the test site (tests/integration/test_role_access.py).

The server answers from its own database connection, so what it must see is committed, and removed
afterwards by the test that made it. `serve` starts Frappe's web server on a free port (for the
browser tests too: tests/browser's `served_site` fixture); `serve_gunicorn` starts gunicorn
with several workers for the bench's sites (benchmarks/bench_load.py): requests name the site in
their Host header."""

import contextlib
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import requests

BENCH = Path(os.environ.get("DMS_BENCH", "~/frappe-bench")).expanduser()


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def answers(base: str, site: str | None = None) -> bool:
	try:
		headers = {"Host": site} if site else {}
		return requests.get(base + "/api/method/ping", headers=headers, timeout=5).status_code == 200
	except requests.RequestException:
		return False


@contextlib.contextmanager
def running(command: list[str], base: str, site: str, log_path: str, host: str | None = None):
	"""Runs the server `command` until it answers at `base`; yields `base` and stops it on exit."""
	with open(log_path, "wb") as log:
		server = subprocess.Popen(
			command, cwd=BENCH / "sites", stdout=log, stderr=subprocess.STDOUT, start_new_session=True
		)
		try:
			for _ in range(120):
				if answers(base, host) or server.poll() is not None:
					break
				time.sleep(0.5)
			if not answers(base, host):
				raise RuntimeError(f"the web server for {site} did not start: see {log_path}")
			yield base
		finally:
			os.killpg(server.pid, 15)
			server.wait(timeout=30)


@contextlib.contextmanager
def serve(site: str, log_path: str = "/tmp/dms-http-tests-server.log"):
	"""Yields the base URL of a web server on `site`, stopped on exit."""
	port = free_port()
	command = [
		str(BENCH / "env" / "bin" / "python"),
		*("-m", "frappe.utils.bench_helper", "frappe", "--site", site, "serve"),
		*("--port", str(port), "--noreload", "--nothreading"),
	]
	with running(command, f"http://127.0.0.1:{port}", site, log_path) as base:
		yield base


@contextlib.contextmanager
def serve_gunicorn(
	site: str,
	workers: int,
	port: int | None = None,
	log_path: str = "/tmp/dms-gunicorn.log",
	options: tuple[str, ...] = (),
):
	"""Yields the base URL of gunicorn serving the bench's sites with `workers` sync workers (and
	gunicorn's `options`), as in production; a request reaches `site` when its Host header names it
	(Session(site=...))."""
	port = port or free_port()
	command = [
		str(BENCH / "env" / "bin" / "gunicorn"),
		*("-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120", "--preload", *options),
		"frappe.app:application",
	]
	with running(command, f"http://127.0.0.1:{port}", site, log_path, host=site) as base:
		yield base


class Session:
	"""A logged-in user's requests session: get / call return the HTTP response."""

	def __init__(self, base: str, user: str, password: str, site: str | None = None):
		self.base, self.http = base, requests.Session()
		if site:
			self.http.headers["Host"] = site
		response = self.http.post(f"{base}/api/method/login", data={"usr": user, "pwd": password})
		assert response.status_code == 200, response.text[:500]

	def get(self, path: str, **params) -> requests.Response:
		params = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
		return self.http.get(self.base + path, params=params, timeout=60)

	def call(self, method: str, **params) -> requests.Response:
		return self.get(f"/api/method/{method}", **params)

	def post(self, method: str, **data) -> requests.Response:
		data = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in data.items()}
		return self.http.post(f"{self.base}/api/method/{method}", data=data, timeout=60)


def _stop(process: subprocess.Popen) -> None:
	with contextlib.suppress(ProcessLookupError):
		os.killpg(process.pid, 15)
	try:
		process.wait(timeout=30)
	except subprocess.TimeoutExpired:
		os.killpg(process.pid, 9)
		process.wait()


@contextlib.contextmanager
def serve_production(site: str, log_dir: str = "/tmp", workers: int = 2):
	"""Yields the base URL of the stack `./dms up --production` runs, on free ports of its own: Frappe's
	realtime server (node socketio.js), gunicorn and deploy/proxy.js in front (/socket.io to the
	first, the rest to the second, the site named in X-Frappe-Site-Name). Stops all three on exit."""
	repo = Path(__file__).resolve().parents[2]
	socketio_port, backend, port = free_port(), free_port(), free_port()
	node = "node"
	logs = Path(log_dir)
	with contextlib.ExitStack() as stack:
		realtime = subprocess.Popen(
			[
				node,
				"-r",
				str(repo / "deploy" / "localhost_dns.js"),
				str(BENCH / "apps" / "frappe" / "socketio.js"),
			],
			cwd=BENCH,
			env={**os.environ, "FRAPPE_SOCKETIO_PORT": str(socketio_port)},
			stdout=stack.enter_context(open(logs / "dms-prod-socketio.log", "wb")),
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		stack.callback(_stop, realtime)
		proxy = subprocess.Popen(
			[node, str(repo / "deploy" / "proxy.js")],
			env={
				**os.environ,
				"DMS_SITE": site,
				"DMS_PROXY_PORT": str(port),
				"DMS_BACKEND_PORT": str(backend),
				"DMS_SOCKETIO_PORT": str(socketio_port),
			},
			stdout=stack.enter_context(open(logs / "dms-prod-proxy.log", "wb")),
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)
		stack.callback(_stop, proxy)
		gunicorn = [
			str(BENCH / "env" / "bin" / "gunicorn"),
			*("--chdir", str(BENCH / "sites"), "-b", f"127.0.0.1:{backend}", "-w", str(workers)),
			*("-t", "120", "--graceful-timeout", "10", "--preload", "frappe.app:application_with_statics()"),
		]
		base = f"http://127.0.0.1:{port}"
		yield stack.enter_context(running(gunicorn, base, site, str(logs / "dms-prod-gunicorn.log")))
