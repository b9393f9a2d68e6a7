"""Smaller desk fixes of issue 23, each checked where the server decides it."""

import json

import frappe
import pytest
from frappe.model.workflow import get_transitions

from dms_app.api import sales as sales_api
from dms_app.patches.v1 import deal_workflow_closed_deals
from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import checklists
from dms_app.vehicle_sales import deal as deal_logic
from dms_app.vehicle_sales.approval import WORKFLOW


@pytest.fixture
def limits():
	frappe.db.set_single_value("DMS Settings", {"max_discount_percent": 5, "max_discount_amount": 0})


def test_status_charts_put_their_labels_in_a_legend():
	"""Bar charts cut "In Stock" / "In Transit" to "In …" under narrow bars; donuts list them whole."""
	for chart in frappe.get_all(
		"Dashboard Chart", filters={"module": ("in", ["Vehicles", "Service", "OEM Orders"])}, pluck="name"
	):
		doc = frappe.get_doc("Dashboard Chart", chart)
		if doc.chart_type == "Group By":
			assert doc.type in ("Donut", "Pie", "Percentage"), chart


def test_workspace_charts_draw_without_animation():
	"""frappe-charts swaps a chart's svg for a copy while it animates; a resize then (a workspace
	shown again, its layout settling) redraws and fails removing the svg ("removeChild ... not a
	child of this node"). The app's workspace charts draw without animating."""
	charts = frappe.get_all(
		"Dashboard Chart", filters={"is_standard": 1, "module": ("in", frappe.get_module_list("dms_app"))}
	)
	assert charts
	for chart in charts:
		options = json.loads(frappe.db.get_value("Dashboard Chart", chart.name, "custom_options") or "{}")
		assert options.get("disableEntryAnimation") and options.get("animate") == 0, (chart.name, options)


def test_the_oem_workspace_has_an_icon_and_a_chart_and_warranty_a_short_badge():
	from frappe.desk.desktop import get_desktop_page

	oem = (
		frappe.get_doc("Workspace", "OEM Orders and Parts")
		if frappe.db.exists("Workspace", "OEM Orders and Parts")
		else frappe.get_doc("Workspace", {"module": "OEM Orders"})
	)
	assert oem.icon == "buying"
	assert [row.chart_name for row in oem.charts] == ["OEM Vehicle Orders by Status"]
	page = get_desktop_page(json.dumps({"name": oem.name, "title": oem.title}))
	assert page["charts"]["items"]
	warranty = frappe.get_doc("Workspace", {"module": "Warranty"})
	claim = next(s for s in warranty.shortcuts if s.link_to == "OEM Warranty Claim")
	assert len(claim.label) + len(claim.format or "") <= 24  # fits a quarter-width shortcut


def test_the_oem_order_list_has_one_status_column():
	meta = frappe.get_meta("OEM Vehicle Order")
	assert not meta.get_field("workflow_state").in_list_view  # the indicator column shows it


def test_new_checklists_come_from_the_server_as_the_save_would_fill_them():
	appraisal = sales_api.new_checklist("Trade-in Appraisal")
	assert appraisal["table"] == "condition_items"
	assert [row["area"] for row in appraisal["rows"]] == list(checklists.CONDITION_AREAS)
	pdi = sales_api.new_checklist("PDI Checklist")
	template = frappe.db.get_single_value("DMS Settings", "default_pdi_template")
	assert pdi["template"] == template and pdi["table"] == "items"
	saved = frappe.get_doc({"doctype": "PDI Checklist", "vin": tu.stock_vehicle()}).insert()
	assert [(r.section, r.check_item) for r in saved.items] == [
		(r["section"], r["check_item"]) for r in pdi["rows"]
	]
	with pytest.raises(frappe.ValidationError):
		sales_api.new_checklist("Vehicle Deal")


def test_in_service_is_shown_as_customer_vehicle_and_stored_unchanged():
	options = frappe.get_meta("Motor Vehicle").get_field("status").options.split("\n")
	assert "In Service" in options  # stored value kept: no data to migrate
	assert frappe._("In Service", lang="en", context="Motor Vehicle") == "Customer Vehicle"
	assert frappe._("In Service", lang="zh", context="Motor Vehicle") == "客户车辆"


@pytest.fixture
def patched_workflow():
	deal_workflow_closed_deals.execute()  # what migrate does on an existing site
	yield
	frappe.db.rollback()
	frappe.clear_document_cache("Workflow", WORKFLOW)  # the cache must not keep the rolled-back rows


def test_a_delivered_deal_cannot_be_reopened_or_take_a_deposit(limits, patched_workflow):
	reopen = frappe.get_all(
		"Workflow Transition", filters={"parent": WORKFLOW, "action": "Reopen"}, pluck="condition"
	)
	assert reopen and all("Open" in (c or "") for c in reopen)
	shown = frappe.get_all(
		"Workflow Document State",
		filters={"parent": WORKFLOW, "avoid_status_override": 1},
		pluck="state",
	)
	assert set(shown) == {"Draft", "Approved"}

	deal = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), vehicle_price=30000, deposit=1000)
	deal = tu.approve(deal)
	assert "Reopen" in [t.action for t in get_transitions(deal)]
	frappe.db.set_value(
		"Vehicle Deal", deal.name, {"status": "Delivered", "sales_order": "SO-X"}, update_modified=False
	)
	deal.reload()
	assert "Reopen" not in [t.action for t in get_transitions(deal)]
	with pytest.raises(frappe.ValidationError, match="before invoicing"):
		deal_logic.make_deposit(deal.name)
