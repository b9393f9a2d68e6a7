from datetime import datetime

import pytest

from dms_app.dms import backup_policy

SITE = "northwind_localhost"


def backup(stamp, with_files=False):
	names = [f"{stamp}-{SITE}-database.sql.gz", f"{stamp}-{SITE}-site_config_backup.json"]
	if with_files:
		names += [f"{stamp}-{SITE}-files.tar", f"{stamp}-{SITE}-private-files.tar"]
	return names


def test_files_are_grouped_by_backup_and_strangers_left_out():
	names = backup("20260101_020000", with_files=True) + backup("20260102_020000") + ["notes.txt"]
	sets = backup_policy.backup_sets(names)
	assert sorted(sets) == ["20260101_020000", "20260102_020000"]
	assert len(sets["20260101_020000"]) == 4


def test_only_the_newest_backups_are_kept():
	names = backup("20260103_020000") + backup("20260101_020000", True) + backup("20260102_020000")
	assert backup_policy.files_to_delete(names, 2) == sorted(backup("20260101_020000", True))
	assert backup_policy.files_to_delete(names, 3) == []
	# keeping none would delete the backup just taken: one is always kept
	assert backup_policy.files_to_delete(names, 0) == sorted(
		backup("20260101_020000", True) + backup("20260102_020000")
	)


def test_latest_backup_needs_a_database_file():
	names = [*backup("20260101_020000"), f"20260105_020000-{SITE}-files.tar"]
	assert backup_policy.latest_backup(names) == datetime(2026, 1, 1, 2)
	assert backup_policy.latest_backup([]) is None


@pytest.mark.parametrize(
	"frequency, last, due",
	[
		("Daily", None, True),
		("Daily", datetime(2026, 1, 1, 2), True),  # a day before the check
		("Daily", datetime(2026, 1, 1, 23), False),
		("Daily", datetime(2026, 1, 1, 3, 30), True),  # the scheduler ran a little early today
		("Weekly", datetime(2025, 12, 29, 2), False),
		("Weekly", datetime(2025, 12, 26, 2), True),
	],
)
def test_a_backup_is_due_after_its_period(frequency, last, due):
	assert backup_policy.is_due(frequency, last, datetime(2026, 1, 2, 2)) is due


def test_an_unknown_frequency_is_refused():
	with pytest.raises(ValueError, match="Daily, Weekly"):
		backup_policy.is_due("Hourly", None, datetime(2026, 1, 2))
