"""Progress of long jobs in the desk (vehicle import, warranty file export and import; forecast runs
publish theirs per chunk in planning/runs.py).

`Progress` publishes `frappe.publish_progress` at most once per `step` percent and at the end, never
per row: a 10,000-row import sends about 20 events. With a document it goes to the users who have that
document open; without one, to the user who runs the job. Frappe's desk shows it as a progress bar;
the realtime server (socketio) carries it (./dms up starts it). No Frappe import at module level, so
the throttling is unit-tested without a site (tests/unit/test_progress.py).
"""

from collections.abc import Callable


def percent_of(done: int, total: int) -> int:
	"""Whole percent of `done` out of `total`, 0..100 (an empty job is complete)."""
	if total <= 0:
		return 100
	return max(0, min(100, done * 100 // total))


class Progress:
	def __init__(
		self,
		total: int,
		title: str,
		doctype: str | None = None,
		docname: str | None = None,
		step: int = 5,
		publish: Callable | None = None,
	):
		self.total, self.title, self.doctype, self.docname, self.step = total, title, doctype, docname, step
		self.publish = publish
		self.sent: int | None = None

	def __call__(self, done: int, description: str | None = None) -> bool:
		"""Report `done` of the total; returns whether an event went out."""
		percent = percent_of(done, self.total)
		due = self.sent is None or percent >= 100 or percent - self.sent >= self.step
		if not due or percent == self.sent:
			return False
		self.sent = percent
		publish = self.publish
		if publish is None:
			import frappe

			publish = frappe.publish_progress
		publish(
			percent, title=self.title, doctype=self.doctype, docname=self.docname, description=description
		)
		return True
