"""Helpers for the fault tests (tests/integration/test_faults.py): a private copy of a test site on a
private MariaDB and a private Redis, reached through Frappe's own environment overrides
(FRAPPE_DB_HOST / FRAPPE_DB_PORT / FRAPPE_REDIS_QUEUE / FRAPPE_REDIS_CACHE, read by
frappe.get_site_config), so nothing the tests commit, enqueue or cache reaches the shared servers or
another engineer's worker; a private RQ worker (Frappe's CLI `worker`) that a test SIGKILLs mid-job,
at a step where the job waits for the kill (so it lands there however loaded the machine is)."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dms_app.tests.backups import PrivateMariaDB, free_port, mariadb_binaries, site_python, sites_path

WORKER = """
import os, sys, time
from pathlib import Path

if pause := os.environ.get("DMS_FAULT_PAUSE"):
	# "<step>:<n>": the job's n-th step (a forecast chunk, an imported vehicle) is done but not yet
	# committed when the job stops, touches the file DMS_FAULT_PAUSED and waits for the test to SIGKILL
	# it: the kill lands at that point however loaded the machine is. The code under test is unchanged.
	from dms_app.planning import parts
	from dms_app.vehicles.doctype.vehicle_import import vehicle_import

	step, count = pause.split(":")
	calls = []

	def pausing(function):
		def step_then_pause(*args):
			result = function(*args)
			calls.append(1)
			if len(calls) == int(count):
				Path(os.environ["DMS_FAULT_PAUSED"]).touch()
				time.sleep(900)  # the test kills the worker long before this: left over, it ends uncommitted
				os._exit(1)
			return result

		return step_then_pause

	if step == "chunk":  # after process_chunk the run commits the chunk with its last_chunk
		parts.process_chunk = pausing(parts.process_chunk)
	elif step == "vehicle":  # the import inserts the vehicle vehicle_from returns, all in one transaction
		vehicle_import.VehicleImport.vehicle_from = pausing(vehicle_import.VehicleImport.vehicle_from)
	else:
		raise SystemExit(f"unknown DMS_FAULT_PAUSE step {step!r}")

from frappe.utils.bench_helper import main

sys.argv = ["bench", "frappe", "worker", "--queue", "long"]
main()
"""


def missing_binaries() -> str | None:
	"""Why a private copy can't run here, or None when it can."""
	reasons = [mariadb_binaries(), None if shutil.which("redis-server") else "redis-server not installed"]
	return "; ".join(r for r in reasons if r) or None


class PrivateRedis:
	def __init__(self):
		self.dir = Path(tempfile.mkdtemp(prefix="dms-redis-"))
		self.port = free_port()
		self.process = subprocess.Popen(
			["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
			 "--appendonly", "no", "--dir", str(self.dir)],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)  # fmt: skip
		for _ in range(100):
			if (
				subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).returncode
				== 0
			):
				return
			time.sleep(0.1)
		raise AssertionError("private redis-server did not start")

	def url(self, db: int = 0) -> str:
		return f"redis://127.0.0.1:{self.port}/{db}"

	def destroy(self) -> None:
		if self.process.poll() is None:
			self.process.kill()
			self.process.wait(30)
		shutil.rmtree(self.dir, ignore_errors=True)


class PrivateSite:
	"""``site`` (its name, apps and site config) on a copy of its database in a private MariaDB, with a
	private Redis for queue and cache: processes started with ``env`` see only the copy."""

	def __init__(self, site: str, conf: dict):
		self.site, self.db_name = site, conf["db_name"]
		self.db = self.redis = None
		try:
			self.db = PrivateMariaDB()
			self.db.start()
			self.db.load_site_database(conf)
			self.redis = PrivateRedis()
		except BaseException:
			self.destroy()
			raise
		self.env = {
			"FRAPPE_DB_HOST": "127.0.0.1",
			"FRAPPE_DB_PORT": str(self.db.port),
			"FRAPPE_REDIS_QUEUE": self.redis.url(0),
			"FRAPPE_REDIS_CACHE": self.redis.url(1),
		}
		self.workers: list[PrivateWorker] = []

	def python(self, code: str, timeout: int = 180) -> str:
		return site_python(self.site, code, timeout=timeout, env=self.env)

	def sql(self, statement: str, check: bool = True) -> list[list[str]]:
		"""Rows of ``statement`` on the copy (as root, over the private socket), as strings."""
		out = self.db.sql(statement, database=self.db_name, check=check).stdout
		return [line.split("\t") for line in out.splitlines()]

	def value(self, statement: str):
		rows = self.sql(statement)
		return rows[0][0] if rows else None

	def worker(self, pause: str | None = None) -> "PrivateWorker":
		"""A worker; with ``pause`` ("chunk:<n>" or "vehicle:<n>") its job stops after that step, uncommitted,
		and waits to be killed (``PrivateWorker.wait_until_paused``)."""
		worker = PrivateWorker(self.env, pause)
		self.workers.append(worker)
		return worker

	def stop_workers(self) -> None:
		for worker in getattr(self, "workers", []):
			worker.kill()
			Path(worker.log.name).unlink(missing_ok=True)
			worker.paused.unlink(missing_ok=True)
		self.workers = []

	def destroy(self) -> None:
		self.stop_workers()
		if self.redis:
			self.redis.destroy()
		if self.db:
			self.db.destroy()


class PrivateWorker:
	"""Frappe's `worker --queue long` in a subprocess with the copy's environment."""

	def __init__(self, env: dict, pause: str | None = None):
		self.log = tempfile.NamedTemporaryFile(prefix="dms-worker-", suffix=".log", delete=False)
		self.paused = Path(self.log.name + ".paused")
		pausing = {"DMS_FAULT_PAUSE": pause, "DMS_FAULT_PAUSED": str(self.paused)} if pause else {}
		self.process = subprocess.Popen(
			[sys.executable, "-c", WORKER],
			cwd=sites_path(),
			# not CI=true (./dms test in CI sets it): Frappe's worker then runs jobs as tests, uncommitted
			env={**os.environ, **env, **pausing, "CI": ""},
			stdout=self.log,
			stderr=subprocess.STDOUT,
			start_new_session=True,
		)

	def output(self) -> str:
		return Path(self.log.name).read_text(errors="replace")[-5000:]

	def wait_until_paused(self, timeout: float = 180) -> None:
		"""Wait (generously: a loaded machine starts workers slowly) until the job reached its pause."""
		wait_for(
			lambda: self.paused.exists() or self.process.poll() is not None,
			timeout=timeout,
			interval=0.2,
			what=lambda: f"the worker's job to reach its pause\n{self.output()}",
		)
		assert self.paused.exists(), f"the worker exited before its pause\n{self.output()}"

	def kill(self) -> None:
		"""SIGKILL the worker and its work horse (RQ forks each job into a new session), at once, as a
		crash or the OOM killer would: nothing gets to report back."""
		if self.process.poll() is None:
			horses = children(self.process.pid)
			self.process.kill()
			for pid in horses:
				try:
					os.kill(pid, signal.SIGKILL)
				except ProcessLookupError:
					pass
			self.process.wait(30)


def children(pid: int) -> list[int]:
	found = []
	for entry in Path("/proc").iterdir():
		if entry.name.isdigit():
			try:
				stat = (entry / "stat").read_text()
			except OSError:
				continue
			if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
				found.append(int(entry.name))
	return found


def wait_for(check, timeout: float = 60, interval: float = 0.1, what="condition"):
	"""Poll ``check()`` until it returns something truthy; returns it, or fails after ``timeout`` s
	saying ``what`` (a string, or a function giving it then, e.g. with a worker's log)."""
	end = time.monotonic() + timeout
	while time.monotonic() < end:
		if result := check():
			return result
		time.sleep(interval)
	raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")
