"""Data and server-side events for the realtime browser test (tests/browser/test_production_realtime.py),
run on the served site through Frappe's CLI (which commits): a desk user, progress published to that
user as a long job publishes it (dms_app/progress.py), and the user removed again by tag."""

import frappe
from frappe.utils.password import update_password

from dms_app.progress import Progress
from dms_app.tests import factories

PASSWORD = "Realtime-Check-2026"


def _user(tag: str) -> str:
	return f"realtime-{tag}@example.com"


def setup(tag: str) -> dict:
	user = factories.make_user(_user(tag), roles=("Sales User",))
	update_password(user, PASSWORD)
	return {"user": user, "password": PASSWORD}


def publish(tag: str) -> dict:
	"""Progress of a four-step job, as the user's own job publishes it: 0, 50 and 100 % (every step
	is 25 %, so 25 and 75 are left out with step=50)."""
	frappe.set_user(_user(tag))
	progress = Progress(4, f"Realtime check {tag}", step=50)
	sent = [done for done in range(5) if progress(done, f"{done} of 4")]
	return {"sent": sent}


def teardown(tag: str) -> dict:
	frappe.set_user("Administrator")
	frappe.delete_doc("User", _user(tag), force=1, ignore_permissions=True)
	return {"removed": _user(tag)}
