"""Which scheduled backups to take and which to keep: plain Python, no site needed.

Frappe names the files of one backup ``<YYYYMMDD_HHMMSS>-<site>-database.sql.gz``, ``…-files.tar``,
``…-private-files.tar`` and ``…-site_config_backup.json``: the timestamp prefix groups them into a set.
"""

import re
from datetime import datetime, timedelta

FREQUENCIES = {"Daily": timedelta(days=1), "Weekly": timedelta(days=7)}
# a scheduler tick a little early must not skip a day: a backup is due this much before a full period
SLACK = timedelta(hours=2)
STAMP = re.compile(r"^(\d{8}_\d{6})-")


def backup_sets(file_names) -> dict[str, list[str]]:
	"""File names grouped by the timestamp of the backup they belong to; other files are left out."""
	sets: dict[str, list[str]] = {}
	for name in file_names:
		match = STAMP.match(name)
		if match:
			sets.setdefault(match.group(1), []).append(name)
	return sets


def files_to_delete(file_names, keep: int) -> list[str]:
	"""The files of every backup but the newest ``keep`` (at least one backup is always kept)."""
	sets = backup_sets(file_names)
	old = sorted(sets, reverse=True)[max(keep, 1) :]
	return sorted(name for stamp in old for name in sets[stamp])


def latest_backup(file_names) -> datetime | None:
	"""When the newest backup among ``file_names`` was taken (None when there is none)."""
	stamps = [
		stamp for stamp, names in backup_sets(file_names).items() if any("-database" in n for n in names)
	]
	return datetime.strptime(max(stamps), "%Y%m%d_%H%M%S") if stamps else None


def is_due(frequency: str, last: datetime | None, now: datetime) -> bool:
	"""A backup is due when none was taken yet or the newest is about a period old."""
	if frequency not in FREQUENCIES:
		raise ValueError(f"backup frequency must be one of {', '.join(FREQUENCIES)}, not {frequency!r}")
	return last is None or now - last >= FREQUENCIES[frequency] - SLACK
