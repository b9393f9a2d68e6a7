"""OEM vehicle orders: the Purchase Order they place, the OEM's confirmation file, shipping, partial
and full receipt through ERPNext, landed cost, and the refusals in between."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, flt, nowdate

from dms_app.oem_orders import vehicle_orders
from dms_app.oem_orders.lifecycle import LIFECYCLE
from dms_app.setup.defaults import ensure_default_records
from dms_app.tests import factories, workflows
from dms_app.tests.oem_orders import csv_of, imported, make_oem_order, receive


@pytest.fixture
def trims():
	return factories.make_vehicle_trim("Honda", "Accord", "OEM-A"), factories.make_vehicle_trim(
		"Honda", "Accord", "OEM-B"
	)


def state(order):
	"""The order's milestone (what the code owns, whatever the workflow calls it)."""
	return frappe.db.get_value("OEM Vehicle Order", order.name, "status")


def test_submit_places_a_purchase_order_for_the_lines(trims):
	order = make_oem_order([(trims[0], 2), (trims[1], 1)], rate=24000)
	assert state(order) == "Submitted"
	po = frappe.get_doc("Purchase Order", order.purchase_order)
	assert po.docstatus == 1 and po.supplier == order.supplier and po.oem_vehicle_order == order.name
	assert [(row.item_code, row.qty, flt(row.rate)) for row in po.items] == [
		(frappe.db.get_value("Vehicle Trim", trims[0], "item"), 2, 24000),
		(frappe.db.get_value("Vehicle Trim", trims[1], "item"), 1, 24000),
	]
	assert po.items[0].schedule_date == order.lines[0].requested_week
	assert order.lines[0].requested_week.weekday() == 0  # stored as the week's Monday
	assert (
		frappe.db.get_value("OEM Vehicle Order Line", order.lines[0].name, "purchase_order_item")
		== po.items[0].name
	)
	assert flt(po.grand_total) == 72000


def test_order_to_confirmation_shipping_partial_and_full_receipt(trims):
	"""Acceptance: order → confirm (file) → ship → partial receipt → full receipt."""
	# the OEM invoices one VIN above the order price: ERPNext's own rule decides whether a receipt
	# may differ from its Purchase Order (Buying Settings); a dealer receiving at invoice price warns
	frappe.db.set_single_value("Buying Settings", "maintain_same_rate_action", "Warn")
	frappe.clear_document_cache("Buying Settings")  # cleared again on rollback
	order = make_oem_order([(trims[0], 2), (trims[1], 1)], oem_order_no="TOY-778812")
	po_name = order.purchase_order
	vins = [factories.make_vin() for _ in range(3)]
	eta = add_days(nowdate(), 10)
	result = imported(
		[
			{"oem_order_no": "TOY-778812", "line": 1, "qty_confirmed": 2},
			{"oem_order_no": "TOY-778812", "line": 2, "qty_confirmed": 1},
		]
	)
	assert result["errors"] == [] and result["applied"] == 2
	assert state(order) == "Confirmed"

	result = imported(
		[
			{"oem_order_no": "TOY-778812", "line": 1, "vin": vins[0], "eta": eta, "invoice_price": 24800},
			{"oem_order_no": "TOY-778812", "line": 1, "vin": vins[1], "eta": eta},
			{"oem_order_no": order.name, "line": 2, "vin": vins[2], "eta": eta},
		]
	)
	assert result["errors"] == [] and result["applied"] == 3
	assert state(order) == "VIN Assigned"
	for vin in vins:
		vehicle = frappe.get_doc("Motor Vehicle", vin)
		assert (vehicle.status, vehicle.pipeline_status, vehicle.oem_order) == (
			"Ordered",
			"Ordered",
			order.name,
		)
	assert frappe.db.get_value("Motor Vehicle", vins[2], "trim") == trims[1]

	result = imported(
		[
			{
				"oem_order_no": order.name,
				"line": 1 if i < 2 else 2,
				"vin": vin,
				"shipped_date": nowdate(),
				"shipment_no": "SHIP-1",
			}
			for i, vin in enumerate(vins)
		]
	)
	assert result["errors"] == []
	assert state(order) == "Shipped"
	assert {frappe.db.get_value("Motor Vehicle", v, "status") for v in vins} == {"In Transit"}

	first = receive(order, [vins[0]])
	po = frappe.get_doc("Purchase Order", po_name)
	assert flt(po.per_received, 2) == 33.33
	assert first.items[0].purchase_order == po_name and first.items[0].serial_no == vins[0]
	assert flt(first.items[0].rate) == 24800  # the OEM invoice price of that VIN
	vehicle = frappe.get_doc("Motor Vehicle", vins[0])
	assert vehicle.status == "In Stock" and vehicle.purchase_receipt == first.name
	assert flt(vehicle.purchase_cost) == 24800
	order.reload()
	assert state(order) == "Shipped" and order.qty_received == 1 and order.lines[0].qty_received == 1

	second = receive(order)
	assert sorted(v for row in second.items for v in row.serial_no.split("\n")) == sorted(vins[1:])
	po.reload()
	assert flt(po.per_received) == 100
	order.reload()
	assert state(order) == "Received" and order.per_received == 100
	ledger = frappe.get_all(
		"Stock Ledger Entry",
		filters={"voucher_no": ("in", [first.name, second.name]), "is_cancelled": 0},
		fields=["actual_qty", "incoming_rate", "warehouse"],
	)
	assert sum(flt(e.actual_qty) for e in ledger) == 3
	assert {e.warehouse for e in ledger} == {order.warehouse}
	assert sorted(flt(e.incoming_rate) for e in ledger) == [24800, 25000, 25000]
	assert {frappe.db.get_value("Motor Vehicle", v, "status") for v in vins} == {"In Stock"}

	# a cancelled receipt puts its vehicles back where the OEM order left them: in transit
	second.reload()
	second.cancel()
	assert {frappe.db.get_value("Motor Vehicle", v, "status") for v in vins[1:]} == {"In Transit"}
	order.reload()
	assert state(order) == "Shipped" and order.qty_received == 1
	assert {u.status for u in order.units if u.vin in vins[1:]} == {"Shipped"}


def test_freight_as_landed_cost_updates_the_vehicle_and_cancel_restores_it(trims):
	order = make_oem_order([(trims[0], 1)], freight_per_vehicle=650)
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin, "shipped_date": nowdate()}])
	receipt = receive(order)
	voucher = vehicle_orders.make_landed_cost_voucher(receipt.name)
	voucher.insert()
	voucher.submit()
	assert flt(frappe.db.get_value("Motor Vehicle", vin, "landed_cost")) == 25650
	voucher.cancel()
	assert flt(frappe.db.get_value("Motor Vehicle", vin, "landed_cost")) == 25000


def test_bad_rows_are_reported_and_not_written_while_good_rows_apply(trims):
	order = make_oem_order([(trims[0], 2)])
	existing = factories.make_vin()
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": existing, "trim": trims[0]}).insert()
	good, spare = factories.make_vin(), factories.make_vin()
	bad_vin = good[:5] + "O" + good[6:]
	result = imported(
		[
			{"oem_order_no": order.name, "line": 1, "vin": good},
			{"oem_order_no": order.name, "line": 1, "vin": existing},
			{"oem_order_no": order.name, "line": 1, "qty_confirmed": 3},
			{"oem_order_no": "NO-SUCH-ORDER", "line": 1, "vin": spare},
			{"oem_order_no": order.name, "line": 7, "vin": spare},
			{"oem_order_no": order.name, "line": 1, "vin": bad_vin},
			{"oem_order_no": order.name, "line": 1, "vin": good},
			{"oem_order_no": order.name, "line": 1, "vin": spare, "eta": "next week"},
		]
	)
	assert result["applied"] == 1
	reasons = dict((e["row"], e["reason"]) for e in result["errors"])
	assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
	assert "already exists" in reasons[3]
	assert "ordered only 2" in reasons[4]
	assert "not a submitted OEM order" in reasons[5]
	assert "no line 7" in reasons[6]
	assert "invalid" in reasons[7]
	assert "already appears in row 2" in reasons[8]
	assert "not a date" in reasons[9]
	order.reload()
	assert [u.vin for u in order.units] == [good]
	assert order.lines[0].qty_confirmed == 1
	assert not frappe.db.exists("Motor Vehicle", spare)
	assert frappe.db.get_value("Motor Vehicle", existing, "oem_order") is None


def test_more_vins_than_ordered_are_refused(trims):
	order = make_oem_order([(trims[0], 1)])
	first, second = factories.make_vin(), factories.make_vin()
	result = imported(
		[
			{"oem_order_no": order.name, "line": 1, "vin": first},
			{"oem_order_no": order.name, "line": 1, "vin": second},
		]
	)
	assert result["applied"] == 1
	assert "ordered 1 vehicle(s) and already has 1 VIN(s)" in result["errors"][0]["reason"]
	assert not frappe.db.exists("Motor Vehicle", second)


def test_confirming_more_than_ordered_by_hand_is_refused(trims):
	order = make_oem_order([(trims[0], 1)])
	order.lines[0].qty_confirmed = 2
	with pytest.raises(frappe.ValidationError, match="more than the 1 ordered"):
		order.save()
	assert frappe.db.get_value("OEM Vehicle Order Line", order.lines[0].name, "qty_confirmed") == 0


def test_an_unreadable_file_is_refused_whole(trims):
	with pytest.raises(frappe.ValidationError, match="missing column"):
		vehicle_orders.import_confirmations("vin,eta\nX,2026-01-01\n", "oem.csv")
	with pytest.raises(frappe.ValidationError, match=r"csv or \.xlsx"):
		vehicle_orders.import_confirmations(b"whatever", "oem.pdf")


def test_xlsx_confirmation_file(trims):
	from openpyxl import Workbook

	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	book = Workbook()
	sheet = book.active
	sheet.append(["OEM Order No", "Line", "VIN", "ETA", "Shipment No"])
	sheet.append([order.name, 1, vin, frappe.utils.getdate(add_days(nowdate(), 5)), "S-9"])
	import io

	buffer = io.BytesIO()
	book.save(buffer)
	result = vehicle_orders.import_confirmations(buffer.getvalue(), "confirm.xlsx")
	assert result == {"applied": 1, "errors": [], "orders": [order.name]}
	order.reload()
	assert order.units[0].vin == vin and order.units[0].shipment_no == "S-9"


def test_receiving_a_vin_not_on_the_order_is_refused(trims):
	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin}])
	stranger = factories.make_vin()
	receipt = vehicle_orders.make_purchase_receipt(order.name)
	receipt.items[0].serial_no = stranger
	with pytest.raises(frappe.ValidationError, match="is not allocated to OEM order"):
		receipt.insert()
	assert not frappe.db.exists("Motor Vehicle", stranger)
	assert not frappe.db.exists("Purchase Receipt Item", {"purchase_order": order.purchase_order})
	with pytest.raises(frappe.ValidationError, match="still to receive"):
		vehicle_orders.make_purchase_receipt(order.name, [stranger])


def test_cancelling_an_order_with_received_vehicles_is_refused(trims):
	order = make_oem_order([(trims[0], 2)])
	vins = [factories.make_vin(), factories.make_vin()]
	imported([{"oem_order_no": order.name, "line": 1, "vin": v} for v in vins])
	receipt = receive(order, vins[:1])
	order.reload()
	with pytest.raises(frappe.ValidationError, match="already received"):
		workflows.cancel(order)
	assert frappe.db.get_value("OEM Vehicle Order", order.name, "docstatus") == 1
	assert frappe.db.get_value("Purchase Order", order.purchase_order, "docstatus") == 1
	assert frappe.db.exists("Motor Vehicle", vins[1])
	assert receipt.docstatus == 1


def test_cancelling_an_open_order_cancels_its_purchase_order_and_pipeline_vehicles(trims):
	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin}])
	order.reload()
	workflows.cancel(order)
	assert frappe.db.get_value("Purchase Order", order.purchase_order, "docstatus") == 2
	assert not frappe.db.exists("Motor Vehicle", vin)
	assert state(order) == "Cancelled"


def test_cancelling_is_refused_while_a_pipeline_vehicle_is_reserved(trims):
	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin}])
	factories.make_sales_order(factories.make_customer(), vin)
	order.reload()
	with pytest.raises(frappe.ValidationError, match="reserved on Sales Order"):
		workflows.cancel(order)
	assert frappe.db.exists("Motor Vehicle", vin)


def test_workflow_actions_by_hand(trims):
	order = make_oem_order([(trims[0], 2)])
	apply_workflow(order, "Confirm")
	order.reload()
	assert order.status == order.workflow_state == "Confirmed" and order.lines[0].qty_confirmed == 2
	with pytest.raises(frappe.ValidationError, match="cannot be VIN Assigned by hand"):
		apply_workflow(order, "Assign VINs")
	order.reload()
	assert order.status == "Confirmed"


def test_mark_shipped_api_and_roles(trims):
	from dms_app.api import oem_orders as api

	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin}])
	frappe.set_user(factories.make_user(roles=("Sales Consultant",)))
	with pytest.raises(frappe.PermissionError):
		api.mark_shipped(order.name)
	with pytest.raises(frappe.PermissionError):
		api.import_confirmations(
			csv_text=csv_of([{"oem_order_no": order.name, "line": 1, "qty_confirmed": 1}])
		)
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError, match="before the shipping date"):
		api.mark_shipped(order.name, shipped_date=nowdate(), eta=add_days(nowdate(), -1))
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Ordered"  # nothing written
	result = api.mark_shipped(order.name, shipment_no="TRK-1", eta=add_days(nowdate(), 4))
	assert result == {"shipped": 1, "status": "Shipped"}
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "In Transit"


def test_imports_and_landed_costs_check_the_users_rights_on_what_they_read(trims):
	from dms_app.api import oem_orders as api

	order = make_oem_order([(trims[0], 1)], freight_per_vehicle=500)
	imported(
		[{"oem_order_no": order.name, "line": 1, "vin": factories.make_vin(), "shipped_date": nowdate()}]
	)
	receipt = receive(order)
	content = csv_of([{"oem_order_no": order.name, "line": 1, "qty_confirmed": 1}])
	with factories.private_file(content) as file:
		frappe.set_user(factories.make_user(roles=("Purchase User",)))  # may update OEM orders
		with pytest.raises(frappe.PermissionError):
			api.import_confirmations(file_url=file.file_url)
	# a stock manager restricted to another supplier's documents may not cost this receipt
	user = factories.make_user(roles=("Stock Manager",))
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Supplier",
			"for_value": factories.make_supplier(),
		}
	).insert()
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		api.make_landed_cost_voucher(receipt.name)


def test_requested_week_before_the_order_date_is_refused(trims):
	with pytest.raises(frappe.ValidationError, match="before the order date"):
		order = make_oem_order([(trims[0], 1)], submit=False)
		order.lines[0].requested_week = add_days(nowdate(), -30)
		order.save()


def test_admin_edits_to_the_workflow_survive_defaults():
	workflow = frappe.get_doc("Workflow", LIFECYCLE.workflow)
	workflow.transitions[0].allowed = "System Manager"
	workflow.append("states", {"state": "Approved", "doc_status": "0", "allow_edit": "All"})
	if not frappe.db.exists("Workflow State", "Approved"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Approved"}).insert()
	workflow.save()
	ensure_default_records()
	workflow.reload()
	assert workflow.transitions[0].allowed == "System Manager"
	assert "Approved" in [s.state for s in workflow.states]


def test_a_cancelled_receipt_without_an_oem_order_still_falls_back_to_ordered(trims):
	vin = factories.make_vin()
	receipt = factories.receive_vehicles([vin], trims[0])
	receipt.cancel()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Ordered"


def test_vehicles_received_before_the_ship_notice_and_cancelled_go_back_to_ordered(trims):
	order = make_oem_order([(trims[0], 1)])
	vin = factories.make_vin()
	imported([{"oem_order_no": order.name, "line": 1, "vin": vin}])
	receipt = receive(order)
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "In Stock"
	assert state(order) == "Received"
	receipt.cancel()
	assert frappe.db.get_value("Motor Vehicle", vin, "status") == "Ordered"
	assert state(order) == "VIN Assigned"


def test_an_amended_order_starts_its_progress_afresh(trims):
	order = make_oem_order([(trims[0], 2)])
	imported([{"oem_order_no": order.name, "line": 1, "vin": factories.make_vin()}])
	order.reload()
	workflows.cancel(order)
	amended = frappe.copy_doc(order, ignore_no_copy=False)
	amended.amended_from = order.name
	amended.docstatus = 0  # as the form's Amend does
	amended.insert()
	assert not amended.units and not amended.purchase_order and amended.lines[0].qty_confirmed == 0
	workflows.submit(amended)
	assert amended.purchase_order != order.purchase_order
	assert state(amended) == "Submitted"


def test_an_oem_order_number_is_one_order_per_oem(trims):
	make_oem_order([(trims[0], 1)], oem_order_no="DUP-1")
	with pytest.raises(frappe.ValidationError, match="already used"):
		make_oem_order([(trims[0], 1)], oem_order_no="DUP-1", submit=False)
	later = make_oem_order([(trims[0], 1)])
	later.oem_order_no = "DUP-1"  # the OEM's number arrives with its confirmation
	with pytest.raises(frappe.ValidationError, match="already used"):
		later.save()


def test_a_direct_cancel_is_refused_the_workflow_action_cancels():
	"""The order's workflow has a Cancel action: a cancel by REST must not skip its roles."""
	order = make_oem_order([(factories.make_vehicle_trim("Honda", "Accord", "DIRECT"), 1)])
	order.reload()
	with pytest.raises(frappe.PermissionError, match="through its workflow actions"):
		order.cancel()
	assert frappe.db.get_value("OEM Vehicle Order", order.name, "docstatus") == 1
	assert workflows.cancel(order).status == "Cancelled"
