"""query_columns: the columns a request filters, sorts or groups by, in every shape Frappe accepts
(dms_app/controllers/confidential_fields.py; unreadable_fields is tested on the site)."""

import json

import pytest

from dms_app.controllers.confidential_fields import query_columns

LANDED = (None, "landed_cost")


@pytest.mark.parametrize(
	"filters",
	[
		{"landed_cost": [">", 20000]},
		{"landed_cost": 22400},
		[["landed_cost", ">", 20000]],
		[["Motor Vehicle", "landed_cost", ">", 20000]],
		[["Motor Vehicle", "landed_cost", ">", 20000, False]],  # the list view adds a fifth
		["landed_cost", ">", 20000],  # one filter, not in a list
		[{"landed_cost": [">", 20000]}],
		{"`tabMotor Vehicle`.`landed_cost`": [">", 20000]},
		[["ifnull(landed_cost, 0)", ">", 20000]],
	],
)
def test_filters_in_every_shape(filters):
	for params in ({"filters": filters}, {"filters": json.dumps(filters)}, {"or_filters": filters}):
		found = {column for _table, column in query_columns(params)}
		assert "landed_cost" in found, params


def test_filter_tables():
	assert ("tabMotor Vehicle", "landed_cost") in query_columns(
		{"filters": [["Motor Vehicle", "landed_cost", ">", 1]]}
	)
	assert ("tabOEM Vehicle Order Line", "rate") in query_columns(
		{"filters": [["OEM Vehicle Order Line", "rate", ">", 1]]}
	)
	assert ("tabMotor Vehicle", "landed_cost") in query_columns(
		{"filters": {"`tabMotor Vehicle`.`landed_cost`": 1}}
	)


def test_a_name_or_values_are_no_columns():
	assert not query_columns({"filters": "VIN0001"})
	found = query_columns({"filters": {"status": "landed_cost"}, "order_by": "field(name, 'landed_cost')"})
	assert LANDED not in found


@pytest.mark.parametrize(
	"params",
	[
		{"order_by": "landed_cost desc"},
		{"order_by": "`tabMotor Vehicle`.`modified` desc, `tabMotor Vehicle`.`landed_cost` asc"},
		{"order_by": "landed_cost > 20000 desc"},
		{"sort_by": "landed_cost"},
		{"group_by": "`tabMotor Vehicle`.landed_cost"},
		{"fields": ["name", "if(name is null, 0, landed_cost) as x"]},
		{"fields": json.dumps(["count(distinct landed_cost) as n"])},
		{"fields": "name, sum(landed_cost)"},
		{"fieldname": json.dumps(["max(landed_cost)"])},
		{"aggregate_on_field": "landed_cost", "aggregate_on_doctype": "Motor Vehicle"},
	],
)
def test_sorting_grouping_and_expressions(params):
	assert "landed_cost" in {column for _table, column in query_columns(params)}


def test_plain_selected_fields_are_left_to_frappe():
	"""Frappe drops an unreadable plain field from the result itself; the list view asks for them."""
	assert not query_columns({"fields": ["name", "landed_cost", "`tabMotor Vehicle`.`purchase_cost`"]})
	assert not query_columns({"fieldname": "landed_cost"})


def test_method_parameters():
	sidebar = {"current_filters": json.dumps({"landed_cost": 1}), "field": "purchase_cost"}
	found = query_columns(sidebar, "frappe.desk.listview.get_group_by_count")
	assert {LANDED, (None, "purchase_cost")} <= set(found)
	assert not query_columns(sidebar, "frappe.client.set_value")
	stats = {"stats": json.dumps([{"name": "landed_cost", "type": "Currency"}])}
	assert LANDED in query_columns(stats, "frappe.desk.reportview.get_filter_dashboard_data")
	search = {"searchfield": "landed_cost"}
	assert LANDED in query_columns(search, "frappe.desk.search.search_link")


def test_qualified_columns():
	found = query_columns({"order_by": "lines.rate desc, `tabCustomer_1`.`credit_limit`"})
	assert ("lines", "rate") in found
	assert ("tabCustomer_1", "credit_limit") in found
