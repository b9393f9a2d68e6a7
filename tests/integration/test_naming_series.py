"""Documents take their series counter's row lock before Frappe reads it, so two users creating the
first document of a series wait for each other instead of deadlocking: dms_app's documents and
ERPNext's alike (the race behind a booking: test_two_bookings_of_one_car_at_once_exactly_one_wins)."""

import threading

import frappe

from dms_app.controllers.naming import lock_series_counter, series_of, series_prefix
from dms_app.tests import factories


def counter(prefix: str) -> int | None:
	rows = frappe.db.sql("select `current` from `tabSeries` where `name` = %s", prefix)
	return rows[0][0] if rows else None


def test_series_of_dms_documents():
	assert series_of(frappe.new_doc("Service Appointment")) == "SA-.YYYY.-.#####"
	drive = frappe.new_doc("Test Drive")
	assert series_of(drive) == drive.naming_series
	assert series_of(frappe.new_doc("Motor Vehicle")) is None  # named by its VIN


def test_the_counter_row_exists_before_frappe_reads_it():
	doc = frappe.new_doc("Service Appointment")
	prefix = series_prefix(doc)
	current = counter(prefix)
	frappe.db.delete("Series", {"name": prefix})
	lock_series_counter(doc)
	assert counter(prefix) == 0
	frappe.db.delete("Series", {"name": prefix})
	if current is not None:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (prefix, current))
	lock_series_counter(doc)  # an existing counter is left as it is
	assert counter(prefix) == (current or 0)


def test_the_prefix_is_parsed_as_frappe_names_the_document():
	"""ERPNext's documents too, with the document's own fields in the series; no naming series set
	means the doctype's default; an amendment takes no number."""
	quotation = frappe.new_doc("Quotation")
	quotation.naming_series, quotation.order_type = "DMS-T-.{order_type}.-.####", "Sales"
	assert series_prefix(quotation) == "DMS-T-Sales-"
	lock_series_counter(quotation)
	assert counter("DMS-T-Sales-") == 0

	lead = frappe.new_doc("Lead")
	lead.naming_series = ""
	assert series_of(lead) == frappe.get_meta("Lead").get_naming_series_options()[0]
	assert series_prefix(lead) == frappe.model.naming.NamingSeries(series_of(lead)).get_prefix()

	quotation.amended_from = "SAL-QTN-2026-00001"
	assert series_prefix(quotation) is None


def test_the_second_user_waits_for_the_first_users_counter(frappe_site):
	"""Deterministic: while one user's Lead holds the new series' counter, another's waits for it
	(here it gives up after a second) instead of taking the gap lock that deadlocked."""
	sites_path = frappe.local.sites_path
	waited = []

	def second_user():
		frappe.init(site=frappe_site, sites_path=sites_path)
		frappe.connect()
		try:
			frappe.db.sql("set session innodb_lock_wait_timeout = 1")
			lock_series_counter(frappe.new_doc("Lead"))
		except frappe.QueryTimeoutError:  # MariaDB's lock wait timeout
			waited.append(True)
		finally:
			frappe.db.rollback()
			frappe.destroy()

	with factories.first_of_series("Lead"):
		lock_series_counter(frappe.new_doc("Lead"))  # the first user's, uncommitted
		thread = threading.Thread(target=second_user)
		thread.start()
		thread.join(timeout=60)
		frappe.db.rollback()
	assert waited == [True]


def test_two_users_making_the_first_lead_of_a_series_at_once_both_get_a_number(frappe_site):
	"""Without the lock, one of them got MariaDB's deadlock error from Frappe's getseries."""
	sites_path = frappe.local.sites_path
	barrier = threading.Barrier(2)
	names, errors = [], []

	def make_lead(n):
		frappe.init(site=frappe_site, sites_path=sites_path)
		frappe.connect()
		frappe.set_user("Administrator")
		try:
			lead = frappe.get_doc({"doctype": "Lead", "lead_name": f"Series Race {n}"})
			barrier.wait(timeout=30)
			names.append(lead.insert().name)
			frappe.db.commit()
		except Exception as error:
			frappe.db.rollback()
			errors.append(error)
		finally:
			frappe.destroy()

	with factories.first_of_series("Lead"):
		threads = [threading.Thread(target=make_lead, args=(n,)) for n in (1, 2)]
		try:
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join(timeout=120)
			assert not errors and len(set(names)) == 2, errors
		finally:
			for name in names:
				frappe.delete_doc("Lead", name, force=True, ignore_permissions=True)
			frappe.db.commit()
