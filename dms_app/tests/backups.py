"""Helpers for the backup, restore, fault and replica tests: a fingerprint of a site's committed
data, a Frappe CLI in a subprocess, throwaway sites, and private MariaDB servers."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frappe
from frappe.utils import flt

REPO = Path(__file__).resolve().parents[2]
MARKER = "FINGERPRINT "


def fingerprint() -> dict:
	"""Record counts per DMS doctype, GL balance per account and stock per warehouse of this site."""
	modules = frappe.get_all("Module Def", filters={"app_name": "dms_app"}, pluck="name")
	doctypes = frappe.get_all(
		"DocType", filters={"module": ("in", modules), "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	gl = frappe.db.sql(
		"""select account, sum(debit - credit) as balance from `tabGL Entry`
		where is_cancelled = 0 group by account""",
		as_dict=True,
	)
	bins = frappe.db.sql(
		"""select warehouse, sum(actual_qty) as qty, sum(stock_value) as value from `tabBin`
		group by warehouse""",
		as_dict=True,
	)
	return {
		"counts": {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)},
		"gl": {row.account: flt(row.balance, 2) for row in gl},
		"stock": {row.warehouse: [flt(row.qty, 3), flt(row.value, 2)] for row in bins},
	}


def print_fingerprint() -> None:
	print(MARKER + json.dumps(fingerprint(), sort_keys=True))


def site_python(
	site: str, code: str, conf: dict | None = None, timeout: int = 120, env: dict | None = None
) -> str:
	"""Run ``code`` in a new process connected to ``site`` (with ``conf`` over its site config, and
	``env`` over the environment, e.g. Frappe's FRAPPE_DB_PORT / FRAPPE_REDIS_QUEUE overrides);
	returns its stdout, raises with its stderr when it fails."""
	script = (
		"import json, frappe\n"
		f"frappe.init(site={site!r}, sites_path='.')\n"
		f"frappe.local.conf.update(json.loads({json.dumps(conf or {})!r}))\n"
		"frappe.connect()\n"
		"frappe.set_user('Administrator')\n"
		"try:\n" + "".join(f"\t{line}\n" for line in code.splitlines()) + "finally:\n\tfrappe.destroy()\n"
	)
	result = subprocess.run(
		[sys.executable, "-c", script],
		cwd=sites_path(),
		capture_output=True,
		text=True,
		timeout=timeout,
		env={**os.environ, **(env or {})},
	)
	if result.returncode:
		raise AssertionError(f"python on {site} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
	return result.stdout


def site_fingerprint(site: str, conf: dict | None = None) -> dict:
	out = site_python(site, "from dms_app.tests.backups import print_fingerprint\nprint_fingerprint()", conf)
	return json.loads(next(line for line in out.splitlines() if line.startswith(MARKER))[len(MARKER) :])


def sites_path() -> Path:
	return Path(frappe.local.sites_path).resolve()


def dms(*args: str, timeout: int = 300) -> str:
	"""Run ./dms (the checkout's) with the test run's bench; returns its output, fails with it."""
	result = subprocess.run(
		[sys.executable, str(REPO / "dms"), *args],
		capture_output=True,
		text=True,
		timeout=timeout,
		env={**os.environ, "DMS_BENCH": str(sites_path().parent)},
	)
	if result.returncode:
		raise AssertionError(
			f"./dms {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
		)
	return result.stdout + result.stderr


def drop_site(site: str) -> None:
	"""Drop a throwaway site: its database, its user and its folder (no backup, no archive left)."""
	archive = Path(tempfile.mkdtemp(prefix="dms-archived-"))
	subprocess.run(
		[
			sys.executable,
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"drop-site",
			site,
			"--db-root-username",
			frappe.conf.root_login or "root",
			"--db-root-password",
			frappe.conf.root_password,
			"--archived-sites-path",
			str(archive),
			"--no-backup",
			"--force",
		],
		cwd=sites_path(),
		capture_output=True,
		timeout=120,
	)
	shutil.rmtree(archive, ignore_errors=True)
	shutil.rmtree(sites_path() / site, ignore_errors=True)


# ---------------------------------------------------------------- private MariaDB servers


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def mariadb_binaries() -> str | None:
	"""Why private MariaDB servers can't run here, or None when they can."""
	missing = [
		b for b in ("mariadbd", "mariadb-install-db", "mariadb", "mariadb-dump") if not shutil.which(b)
	]
	return f"{', '.join(missing)} not installed" if missing else None


class PrivateMariaDB:
	"""A MariaDB server of its own (data directory in a temp folder, its own port and socket), started
	and stopped by the test: never the shared one."""

	def __init__(self, extra_args: tuple = ()):
		self.dir = Path(tempfile.mkdtemp(prefix="dms-mariadb-"))
		self.port = free_port()
		self.socket = self.dir / "mariadb.sock"
		self.extra_args = extra_args
		self.process = None
		subprocess.run(
			[
				"mariadb-install-db",
				"--user=root",
				f"--datadir={self.dir / 'data'}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			check=True,
			capture_output=True,
			timeout=120,
		)

	def start(self) -> "PrivateMariaDB":
		self.process = subprocess.Popen(
			[
				"mariadbd",
				"--no-defaults",
				"--user=root",
				f"--datadir={self.dir / 'data'}",
				f"--port={self.port}",
				"--bind-address=127.0.0.1",
				f"--socket={self.socket}",
				f"--pid-file={self.dir / 'mariadb.pid'}",
				"--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci",
				"--skip-character-set-client-handshake",
				"--innodb-buffer-pool-size=64M",
				"--innodb-log-file-size=48M",
				"--skip-log-bin",
				*self.extra_args,
			],
			stdout=subprocess.DEVNULL,
			stderr=open(self.dir / "error.log", "ab"),
			start_new_session=True,
		)
		for _ in range(240):
			if self.process.poll() is not None:
				raise AssertionError(
					f"private mariadbd exited: {(self.dir / 'error.log').read_text()[-2000:]}"
				)
			if self.socket.exists() and self.sql("SELECT 1", check=False).returncode == 0:
				return self
			time.sleep(0.25)
		raise AssertionError("private mariadbd did not start")

	def sql(self, statement: str, *, check: bool = True, database: str = ""):
		"""Run SQL as root, on the private socket (root has no password there; sites log in as their
		own database user over TCP, as on the shared server)."""
		cmd = ["mariadb", f"--socket={self.socket}", "-uroot", "-N", "-B", "-e", statement]
		result = subprocess.run(
			[*cmd, *([database] if database else [])], capture_output=True, text=True, timeout=120
		)
		if check and result.returncode:
			raise AssertionError(f"SQL failed on the private MariaDB: {result.stderr}")
		return result

	def load_site_database(self, conf: dict) -> None:
		"""A copy of a site's database (as committed) with its user, as on the shared server."""
		db, user, password = conf["db_name"], conf["db_name"], conf["db_password"]
		self.sql(
			f"CREATE DATABASE `{db}`; CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'; "
			f"GRANT ALL ON `{db}`.* TO '{user}'@'%'; FLUSH PRIVILEGES;"
		)
		dump = subprocess.Popen(
			[
				"mariadb-dump",
				"--single-transaction",
				"--quick",
				f"-h{conf.get('db_host') or '127.0.0.1'}",
				f"-P{conf.get('db_port') or 3306}",
				f"-u{user}",
				f"-p{password}",
				db,
			],
			stdout=subprocess.PIPE,
		)
		load = subprocess.run(
			["mariadb", f"--socket={self.socket}", "-uroot", db],
			stdin=dump.stdout,
			capture_output=True,
			timeout=300,
		)
		if dump.wait() or load.returncode:
			raise AssertionError(f"could not copy {db} to the private MariaDB: {load.stderr[-2000:]}")

	def stop(self, hard: bool = False) -> None:
		if self.process and self.process.poll() is None:
			self.process.send_signal(signal.SIGKILL if hard else signal.SIGTERM)
			try:
				self.process.wait(60)
			except subprocess.TimeoutExpired:
				self.process.kill()
				self.process.wait()
		self.process = None

	def destroy(self) -> None:
		self.stop()
		shutil.rmtree(self.dir, ignore_errors=True)
