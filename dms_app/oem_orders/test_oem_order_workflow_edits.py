"""A System Manager edits the OEM Vehicle Order workflow as an admin would: a state added in the
middle, a state renamed, an action restricted to another role. The Purchase Order, the pipeline
vehicles and the receipt's stock ledger still happen exactly once, and cancelling reverses them once."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.utils import flt, nowdate

from dms_app.controllers.lifecycle import workflow_problems
from dms_app.oem_orders.lifecycle import LIFECYCLE
from dms_app.oem_orders.report.open_oem_orders import open_oem_orders
from dms_app.tests import factories, workflows
from dms_app.tests.oem_orders import imported, make_oem_order, receive
from dms_app.tests.workflows import add_state_between, edited_workflow, rename_state, restrict_action

DOCTYPE = "OEM Vehicle Order"
RATE = 25000


@pytest.fixture
def trim():
	return factories.make_vehicle_trim("Honda", "Accord", "WF-EDIT")


def purchase_orders(order) -> list[int]:
	"""The docstatus of every Purchase Order the order ever placed."""
	return frappe.get_all("Purchase Order", {"oem_vehicle_order": order.name}, pluck="docstatus")


def vehicles(order) -> dict[str, str]:
	return dict(frappe.get_all("Motor Vehicle", {"oem_order": order.name}, ["name", "status"], as_list=True))


def stock_ledger(order) -> dict[str, tuple[float, float]]:
	"""{warehouse: (qty, value)} of the live stock ledger entries of the order's vehicles."""
	rows = frappe.db.sql(
		"""select warehouse, sum(actual_qty), sum(stock_value_difference) from `tabStock Ledger Entry`
		where is_cancelled = 0 and voucher_type = 'Purchase Receipt' and voucher_no in (
			select distinct parent from `tabPurchase Receipt Item` where purchase_order = %s)
		group by warehouse""",
		frappe.db.get_value(DOCTYPE, order.name, "purchase_order"),
	)
	return {
		warehouse: (flt(qty), flt(value, 2)) for warehouse, qty, value in rows if flt(qty) or flt(value, 2)
	}


def allocate(order, count: int, **fields) -> list[str]:
	vins = [factories.make_vin() for _ in range(count)]
	result = imported([{"oem_order_no": order.name, "line": 1, "vin": vin, **fields} for vin in vins])
	assert result["errors"] == []
	return vins


def milestone_and_state(order) -> tuple[str, str]:
	return frappe.db.get_value(DOCTYPE, order.name, ["status", "workflow_state"])


def receive_then_cancel(order, vins: list[str]):
	"""Received once into stock, then the receipt and the order cancelled, each reversed once."""
	receipt = receive(order)
	assert stock_ledger(order) == {order.warehouse: (len(vins), len(vins) * RATE)}
	assert milestone_and_state(order) == ("Received", "Received")
	assert set(vehicles(order).values()) == {"In Stock"} and purchase_orders(order) == [1]
	receipt.cancel()
	assert stock_ledger(order) == {}
	assert frappe.db.get_value(DOCTYPE, order.name, "status") == "Shipped"
	order.reload()
	workflows.cancel(order)
	assert purchase_orders(order) == [2] and vehicles(order) == {}
	assert milestone_and_state(order) == ("Cancelled", "Cancelled")


def test_a_state_added_between_submitted_and_confirmed(trim):
	with edited_workflow(DOCTYPE) as workflow:
		add_state_between(
			workflow, "Submitted", "Confirmed", "OEM Acknowledged", action="Record Confirmation"
		)
		assert workflow_problems(LIFECYCLE) == []
		order = make_oem_order([(trim, 2)], rate=RATE)
		assert purchase_orders(order) == [1]
		apply_workflow(order, "Confirm")  # now leads to the admin's label: nothing is confirmed yet
		assert milestone_and_state(order) == ("Submitted", "OEM Acknowledged")
		assert order.lines[0].qty_confirmed == 0
		apply_workflow(order, "Record Confirmation")
		assert milestone_and_state(order) == ("Confirmed", "Confirmed") and order.lines[0].qty_confirmed == 2
		vins = allocate(order, 2)
		assert milestone_and_state(order) == ("VIN Assigned", "VIN Assigned")
		assert vehicles(order) == dict.fromkeys(vins, "Ordered")
		apply_workflow(frappe.get_doc(DOCTYPE, order.name), "Ship")
		assert milestone_and_state(order) == ("Shipped", "Shipped")
		assert vehicles(order) == dict.fromkeys(vins, "In Transit") and purchase_orders(order) == [1]
		receive_then_cancel(order, vins)


def test_a_renamed_state_follows_the_milestone_by_hand_and_by_file(trim):
	with edited_workflow(DOCTYPE) as workflow:
		rename_state(workflow, "Shipped", "On the Boat")
		assert workflow_problems(LIFECYCLE) == []
		by_hand, by_file = make_oem_order([(trim, 1)], rate=RATE), make_oem_order([(trim, 1)], rate=RATE)
		vins = allocate(by_hand, 1)
		apply_workflow(frappe.get_doc(DOCTYPE, by_hand.name), "Ship")
		assert milestone_and_state(by_hand) == ("Shipped", "On the Boat")
		allocate(by_file, 1, shipped_date=nowdate())  # the OEM's file ships it: a system move
		assert milestone_and_state(by_file) == ("Shipped", "On the Boat")
		_columns, rows, _message, _chart = open_oem_orders.execute({"supplier": by_file.supplier})
		assert {row.name: row.status for row in rows}[by_file.name] == "Shipped"  # reports count milestones
		assert vehicles(by_hand) == dict.fromkeys(vins, "In Transit")
		receive_then_cancel(by_hand, vins)
		assert frappe.db.get_value(DOCTYPE, by_file.name, "workflow_state") == "On the Boat"


def test_confirm_restricted_to_purchase_managers(trim):
	with edited_workflow(DOCTYPE) as workflow:
		restrict_action(workflow, "Confirm", "Purchase Manager")
		assert workflow_problems(LIFECYCLE) == []
		order = make_oem_order([(trim, 2)], rate=RATE)
		frappe.set_user(factories.make_user(roles=("DMS Manager",)))
		with pytest.raises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(DOCTYPE, order.name), "Confirm")
		order.reload()
		assert order.status == "Submitted" and order.lines[0].qty_confirmed == 0
		frappe.set_user(factories.make_user(roles=("Purchase Manager",)))
		apply_workflow(frappe.get_doc(DOCTYPE, order.name), "Confirm")
		frappe.set_user("Administrator")
		order.reload()
		assert order.status == "Confirmed" and order.lines[0].qty_confirmed == 2
		vins = allocate(order, 2, shipped_date=nowdate())
		assert milestone_and_state(order) == ("Shipped", "Shipped") and purchase_orders(order) == [1]
		receive_then_cancel(order, vins)
