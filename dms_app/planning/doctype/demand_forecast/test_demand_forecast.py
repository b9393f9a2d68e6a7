"""Demand Forecast rows are written by the jobs only; planners read them."""

import frappe

from dms_app.tests.factories import make_user


def test_planners_read_but_do_not_write_forecasts():
	frappe.set_user(make_user(roles=("Parts Manager",)))
	assert frappe.has_permission("Demand Forecast", "read")
	assert not frappe.has_permission("Demand Forecast", "create")
	assert not frappe.has_permission("Demand Forecast", "write")
	frappe.set_user(make_user(roles=("Service Advisor",)))
	assert not frappe.has_permission("Demand Forecast", "read")
