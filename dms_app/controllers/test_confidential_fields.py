"""unreadable_fields: which confidential fields a query uses that its user cannot read, resolved as
Frappe resolves columns (dms_app/controllers/confidential_fields.py; the HTTP side is in
tests/integration/test_role_access.py)."""

import frappe

from dms_app.controllers.confidential_fields import query_columns, unreadable_fields
from dms_app.tests import factories


def refused(doctype: str, params: dict, user: str, parent: str | None = None) -> set[str]:
	return {df.fieldname for _dt, df in unreadable_fields(doctype, query_columns(params), user, parent)}


def test_a_technician_may_not_use_the_vehicle_cost():
	technician = factories.make_user(roles=("Technician",))
	for params in (
		{"filters": {"landed_cost": [">", 20000]}},
		{"filters": [["Motor Vehicle", "landed_cost", ">", 20000]]},
		{"or_filters": '[["landed_cost", ">", 20000]]'},
		{"order_by": "`tabMotor Vehicle`.`landed_cost` desc"},
		{"group_by": "landed_cost"},
		{"fields": ["if(name is null, 0, landed_cost) as x"]},
	):
		assert refused("Motor Vehicle", params, technician) == {"landed_cost"}, params
	assert not refused("Motor Vehicle", {"filters": {"list_price": [">", 1]}, "order_by": "name"}, technician)


def test_readers_of_the_permlevel_may():
	manager = factories.make_user(roles=("Sales Manager",))
	assert not refused("Motor Vehicle", {"filters": {"landed_cost": [">", 1]}}, manager)
	assert not refused("Motor Vehicle", {"order_by": "purchase_cost"}, "Administrator")


def test_child_table_fields():
	"""Frappe finds a parent's filter field in its child tables; a child table reads its parent's
	permissions."""
	consultant = factories.make_user(roles=("Sales Consultant",))
	purchaser = factories.make_user(roles=("Purchase User",))
	for params in (
		{"filters": {"rate": [">", 1]}},
		{"filters": [["OEM Vehicle Order Line", "rate", ">", 1]]},
		{"order_by": "`tabOEM Vehicle Order Line`.`rate`"},
	):
		assert refused("OEM Vehicle Order", params, consultant) == {"rate"}, params
		assert not refused("OEM Vehicle Order", params, purchaser), params
	as_child = {"filters": {"rate": [">", 1]}}
	assert refused("OEM Vehicle Order Line", as_child, consultant, "OEM Vehicle Order") == {"rate"}
	assert not refused("OEM Vehicle Order Line", as_child, purchaser, "OEM Vehicle Order")


def test_linked_doctypes_by_their_alias_or_field():
	technician = factories.make_user(roles=("Technician",))
	assert refused("Repair Order", {"order_by": "`tabMotor Vehicle_1`.`landed_cost`"}, technician) == {
		"landed_cost"
	}
	assert refused("Repair Order", {"order_by": "vehicle.landed_cost"}, technician) == {"landed_cost"}


def test_other_apps_doctypes_are_left_to_frappe():
	user = factories.make_user(roles=("Sales Consultant",))
	assert frappe.get_meta("Sales Order").get_field("ignore_pricing_rule").permlevel == 1
	assert not unreadable_fields("Sales Order", query_columns({"order_by": "ignore_pricing_rule"}), user)
