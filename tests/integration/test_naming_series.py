"""dms_app documents take their series counter's row lock before Frappe reads it, so two users
creating the first document of a series wait for each other instead of deadlocking (the race
itself: test_two_bookings_of_one_car_at_once_exactly_one_wins)."""

import frappe
from frappe.model.naming import NamingSeries

from dms_app.controllers.naming import lock_series_counter, series_of


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
	prefix = NamingSeries(series_of(doc)).get_prefix()
	current = counter(prefix)
	frappe.db.delete("Series", {"name": prefix})
	lock_series_counter(doc)
	assert counter(prefix) == 0
	frappe.db.delete("Series", {"name": prefix})
	if current is not None:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (prefix, current))
	lock_series_counter(doc)  # an existing counter is left as it is
	assert counter(prefix) == (current or 0)


def test_erpnext_documents_are_left_to_frappe():
	doc = frappe.new_doc("Quotation")
	doc.naming_series = "DMS-NOT-A-SERIES-.#####"
	lock_series_counter(doc)
	assert not frappe.db.exists("Series", "DMS-NOT-A-SERIES-")
