"""Long jobs report progress in steps, not per row (dms_app/progress.py)."""

from dms_app.progress import Progress, percent_of


def recorder():
	sent = []

	def publish(percent, **kwargs):
		sent.append((percent, kwargs))

	return sent, publish


def test_percent_is_whole_and_bounded():
	assert percent_of(0, 10) == 0
	assert percent_of(1, 3) == 33
	assert percent_of(10, 10) == 100
	assert percent_of(12, 10) == 100
	assert percent_of(-1, 10) == 0
	assert percent_of(0, 0) == 100


def test_a_large_job_sends_one_event_per_step_and_the_end():
	sent, publish = recorder()
	progress = Progress(10_000, "Import", "Vehicle Import", "VI-1", step=5, publish=publish)
	for done in range(10_001):
		progress(done)
	percents = [p for p, _ in sent]
	assert percents == list(range(0, 101, 5))
	assert sent[-1][1] == {
		"title": "Import",
		"doctype": "Vehicle Import",
		"docname": "VI-1",
		"description": None,
	}


def test_a_small_job_still_starts_and_ends_and_never_repeats_a_percent():
	sent, publish = recorder()
	progress = Progress(3, "Export", publish=publish)
	assert progress(0, "0 of 3")
	assert progress(1)  # 33 % is a step past 0
	assert progress(3)
	assert not progress(3)
	assert [p for p, _ in sent] == [0, 33, 100]
	assert sent[0][1]["description"] == "0 of 3"


def test_an_empty_job_reports_complete_once():
	sent, publish = recorder()
	progress = Progress(0, "Nothing", publish=publish)
	assert progress(0)
	assert not progress(0)
	assert sent == [(100, {"title": "Nothing", "doctype": None, "docname": None, "description": None})]
