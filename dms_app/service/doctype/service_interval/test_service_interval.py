"""Service intervals and next service due on the vehicle; vehicles due soon."""

import frappe
import pytest
from frappe.utils import add_days, add_months, getdate, nowdate

from dms_app.service import service_due
from dms_app.tests import factories
from dms_app.tests.service_appointments import make_customer_vehicle


@pytest.fixture
def trim():
	frappe.db.set_single_value("DMS Settings", "service_interval_months", 12)
	frappe.db.set_single_value("DMS Settings", "service_interval_km", 15000)
	return factories.make_vehicle_trim("Honda", "Accord", "EX")


def interval(make, model=None, months=0, km=0):
	return frappe.get_doc(
		{"doctype": "Service Interval", "make": make, "model": model, "months": months, "distance_km": km}
	).insert()


def test_a_delivered_car_is_first_due_one_interval_after_delivery(trim):
	delivered = add_days(nowdate(), -30)
	vin = make_customer_vehicle(trim=trim, warranty_start_date=delivered)
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	assert vehicle.next_service_date == getdate(add_months(delivered, 12))
	assert vehicle.next_service_odometer == 15000


def test_the_model_interval_beats_the_make_interval_and_the_default(trim):
	interval("Honda", months=9, km=12000)
	vin = make_customer_vehicle(trim=trim, warranty_start_date=nowdate())
	assert frappe.db.get_value("Motor Vehicle", vin, "next_service_odometer") == 12000
	interval("Honda", "Honda Accord", months=6, km=10000)  # saving it refreshes the model's vehicles
	assert frappe.db.get_value("Motor Vehicle", vin, "next_service_date") == getdate(add_months(nowdate(), 6))
	assert frappe.db.get_value("Motor Vehicle", vin, "next_service_odometer") == 10000
	with pytest.raises(frappe.ValidationError, match="months, in km or both"):
		interval("Honda", "Honda Civic" if frappe.db.exists("Vehicle Model", "Honda Civic") else None)


def test_record_service_moves_the_next_due_and_mileage_can_come_first(trim):
	delivered = add_days(nowdate(), -200)
	vin = make_customer_vehicle(trim=trim, warranty_start_date=delivered)
	# 20000 km in 200 days = 100 km a day: the next 15000 km take 150 days, before 12 months
	serviced = nowdate()
	result = service_due.record_service(vin, serviced, 20000)
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	assert (vehicle.last_service_date, vehicle.last_service_odometer) == (getdate(serviced), 20000)
	assert vehicle.odometer == 20000
	assert vehicle.next_service_odometer == 35000
	assert vehicle.next_service_date == getdate(add_days(serviced, 150))
	assert result == {"next_service_date": getdate(add_days(serviced, 150)), "next_service_odometer": 35000}
	service_due.record_service(vin, add_days(serviced, -10), 19000)  # an older visit changes nothing
	assert frappe.db.get_value("Motor Vehicle", vin, "last_service_odometer") == 20000
	with pytest.raises(frappe.ValidationError, match="cannot be negative"):
		service_due.record_service(vin, add_days(serviced, 1), -5)


def test_a_used_car_sold_without_a_known_reading_is_due_by_date_until_its_first_service(trim):
	"""Its odometer was not 0 at delivery: counting from 0 would make it due at once (80,000 km is past
	15,000) and, after a service, read 90,000 km in 200 days as its daily distance."""
	delivered = add_days(nowdate(), -200)
	vin = make_customer_vehicle(trim=trim, stock_type="Used", delivery_date=delivered, odometer=80000)
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	assert (vehicle.next_service_date, vehicle.next_service_odometer) == (
		getdate(add_months(delivered, 12)),
		0,
	)
	assert vin not in {row.vin for row in service_due.vehicles_due(30, 1000, customer=vehicle.customer)}
	service_due.record_service(vin, nowdate(), 90000)
	assert frappe.db.get_value("Motor Vehicle", vin, ["next_service_date", "next_service_odometer"]) == (
		getdate(add_months(nowdate(), 12)),
		105000,
	)


def test_miles_odometers_get_the_interval_in_miles(trim):
	vin = make_customer_vehicle(trim=trim, warranty_start_date=nowdate(), odometer_unit="mi")
	assert frappe.db.get_value("Motor Vehicle", vin, "next_service_odometer") == 9321  # 15000 km


def test_dealer_stock_has_no_service_due(trim):
	vin = factories.make_vin()
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "trim": trim}).insert()
	assert not frappe.db.get_value("Motor Vehicle", vin, "next_service_date")
	assert service_due.refresh(vin) == {"next_service_date": None, "next_service_odometer": 0}


def test_vehicles_due_by_date_by_mileage_with_their_booked_appointment(trim):
	customer = factories.make_customer()
	by_date = make_customer_vehicle(customer, trim=trim, warranty_start_date=add_months(nowdate(), -12))
	by_mileage = make_customer_vehicle(customer, trim=trim, warranty_start_date=add_days(nowdate(), -20))
	frappe.db.set_value("Motor Vehicle", by_mileage, "odometer", 14500)
	not_due = make_customer_vehicle(customer, trim=trim, warranty_start_date=add_days(nowdate(), -20))
	rows = {row.vin: row for row in service_due.vehicles_due(30, 1000, customer=customer)}
	assert set(rows) == {by_date, by_mileage}
	assert rows[by_date].due_by == "date" and rows[by_mileage].due_by == "mileage"
	assert not_due not in rows
	assert service_due.vehicles_due(30, 100, customer=customer)[0].vin == by_date
	assert rows[by_date].appointment is None


def test_motor_vehicle_dashboard_shows_service_history():
	data = frappe.get_meta("Motor Vehicle").get_dashboard_data()
	items = [item for group in data.transactions for item in group["items"]]
	assert data.fieldname == "vehicle"
	assert "Service Appointment" in items and "Repair Order" in items


def test_service_due_report_lists_due_vehicles_and_can_hide_booked_ones(trim):
	from dms_app.service.report.service_due.service_due import execute

	customer = factories.make_customer()
	vin = make_customer_vehicle(customer, trim=trim, warranty_start_date=add_months(nowdate(), -12))
	_columns, rows = execute({"customer": customer, "within_days": 10})
	assert [r.vin for r in rows] == [vin] and rows[0].due_by == "Date"
	frappe.db.set_value("Motor Vehicle", vin, "next_service_date", add_days(nowdate(), 20))
	assert execute({"customer": customer, "within_days": 10})[1] == []
