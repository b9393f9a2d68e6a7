"""Labour operations: flat hours by make and model (most specific wins), the service Item and rate."""

import frappe
import pytest

from dms_app.service.labour import flat_hours
from dms_app.tests import factories
from dms_app.tests.service_appointments import make_labour_operation, make_service_item


@pytest.fixture
def models():
	factories.make_vehicle_trim("Honda", "Accord", "EX")
	factories.make_vehicle_trim("Honda", "Civic", "EX")
	factories.make_vehicle_trim("Volvo", "XC60", "B5")
	return "Honda Accord", "Honda Civic", "Volvo XC60"


def test_the_most_specific_row_wins(models):
	accord, civic, xc60 = models
	code = make_labour_operation(
		"brk-01",
		hours=1.0,
		warranty_flat_hours=0.8,
		times=[
			{"make": "Honda", "flat_hours": 1.4},
			{"model": accord, "flat_hours": 1.8, "warranty_flat_hours": 1.5},
		],
	)
	assert code == "BRK-01"
	assert flat_hours(code, accord) == 1.8
	assert flat_hours(code, accord, warranty=True) == 1.5
	assert flat_hours(code, civic) == 1.4
	assert flat_hours(code, civic, warranty=True) == 1.4  # the row has no warranty hours of its own
	assert flat_hours(code, xc60) == 1.0
	assert flat_hours(code, None) == 1.0
	assert flat_hours(code, None, warranty=True) == 0.8
	row = frappe.get_doc("Labour Operation", code).times[1]
	assert row.make == "Honda"  # filled from the model


def test_an_all_vehicles_row_beats_the_default_only(models):
	accord, _civic, xc60 = models
	code = make_labour_operation(hours=2, times=[{"flat_hours": 2.5}, {"model": accord, "flat_hours": 3}])
	assert flat_hours(code, xc60) == 2.5
	assert flat_hours(code, accord) == 3


def test_duplicate_and_mismatched_rows_are_refused(models):
	accord = models[0]
	with pytest.raises(frappe.ValidationError, match="already given"):
		make_labour_operation(times=[{"model": accord, "flat_hours": 1}, {"model": accord, "flat_hours": 2}])
	with pytest.raises(frappe.ValidationError, match="belongs to make Honda"):
		make_labour_operation(times=[{"make": "Volvo", "model": accord, "flat_hours": 1}])


def test_labour_is_a_non_stock_item_and_the_rate_defaults_to_its_price():
	code = make_labour_operation(item=make_service_item(rate=135))
	assert frappe.db.get_value("Labour Operation", code, "labour_rate") == 135
	with pytest.raises(frappe.ValidationError, match="stock item"):
		make_labour_operation(item=factories.make_item())
	explicit = make_labour_operation(item=make_service_item(rate=135), labour_rate=150)
	assert frappe.db.get_value("Labour Operation", explicit, "labour_rate") == 150


def test_service_advisors_read_but_do_not_edit_operations():
	code = make_labour_operation()
	item = make_service_item()
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	assert frappe.get_doc("Labour Operation", code).has_permission("read")
	with pytest.raises(frappe.PermissionError):
		make_labour_operation(item=item)
