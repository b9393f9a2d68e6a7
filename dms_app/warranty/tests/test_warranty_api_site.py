"""Coverage API and the deadline list for alerts."""

import frappe
import pytest
from frappe.utils import add_days, add_months, nowdate

from dms_app.api.warranty import claims_near_deadline, coverage
from dms_app.tests.factories import make_user
from dms_app.tests.warranty import make_claim, make_customer_vehicle, make_warranty_make


def test_coverage_api_at_date_and_distance_edges():
	make_warranty_make()
	start = add_months(nowdate(), -24)
	vin = make_customer_vehicle(warranty_start=start)
	last_basic_day = add_days(add_months(start, 36), -1)
	result = coverage(vin, last_basic_day, 100_000)
	assert result["covered"]
	basic = next(c for c in result["covers"] if c["component_group"] == "Basic")
	assert (
		basic["expires_on"] == last_basic_day and basic["remaining_days"] == 0 and basic["remaining_km"] == 0
	)
	groups = lambda r: sorted(c["component_group"] for c in r["covers"])  # noqa: E731
	assert groups(coverage(vin, add_months(start, 36), 100_000)) == ["Powertrain"]
	assert groups(coverage(vin, last_basic_day, 100_001)) == ["Powertrain"]
	assert not coverage(vin, add_months(start, 60), 10)["covered"]
	assert not coverage(vin, add_days(start, -1), 10)["covered"]
	with pytest.raises(frappe.ValidationError):
		coverage(vin, nowdate(), -5)
	with pytest.raises(frappe.DoesNotExistError):
		coverage("NOSUCHVIN", nowdate(), 5)


def test_coverage_needs_vehicle_read_permission():
	make_warranty_make()
	vin = make_customer_vehicle()
	frappe.set_user(make_user(roles=()))
	with pytest.raises(frappe.PermissionError):
		coverage(vin, nowdate(), 10)


def test_claims_near_deadline():
	make_warranty_make(window_days=30)
	today = nowdate()
	soon = make_claim(
		make_customer_vehicle(), failure_date=add_days(today, -30), repair_completed_on=add_days(today, -27)
	)
	late = make_claim(
		make_customer_vehicle(), failure_date=add_days(today, -40), repair_completed_on=add_days(today, -31)
	)
	later = make_claim(make_customer_vehicle())
	submitted = make_claim(
		make_customer_vehicle(),
		failure_date=add_days(today, -30),
		repair_completed_on=add_days(today, -28),
		submit=True,
	)
	near = {c["name"]: c["days_left"] for c in claims_near_deadline(7)}
	assert near.get(soon.name) == 3 and near.get(late.name) == -1
	assert later.name not in near and submitted.name not in near
	assert next(iter(near)) == late.name  # soonest first
	assert later.name in {c["name"] for c in claims_near_deadline(30)}
