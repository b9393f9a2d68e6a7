"""Every whitelisted dms_app method is reachable over /api/method by any logged-in user, customers
included: each one either refuses a customer, or answers only with what that customer may see.
A new whitelisted method fails this test until it is listed here with its probe."""

import importlib
import pkgutil

import frappe
import pytest
from frappe.utils import add_days, nowdate

import dms_app.api
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order

REFUSED = (frappe.PermissionError, frappe.DoesNotExistError, frappe.ValidationError)

# Methods a customer may call, and why that is safe (each checked below or in the other portal tests).
OPEN_TO_CUSTOMERS = {
	"dms_app.api.portal.repair_status": "own repair orders only (test_portal_security)",
	"dms_app.api.portal.decide_lines": "own repair orders only (test_portal_security)",
	"dms_app.api.portal.available_slots": "workshop capacity, no customer data",
	"dms_app.api.portal.book_service": "own vehicles only (test_portal_security)",
	"dms_app.api.portal.undo_decision": "own decisions on own repair orders only (test_portal_details)",
	"dms_app.api.portal.set_language": "the caller's own language, English or Chinese (test_portal_dealer)",
	"dms_app.api.portal.inspection_media": "own completed inspections' files only (test_portal_inspection)",
	"dms_app.api.service.available_slots": "workshop capacity, no customer data",
	"dms_app.api.health.check": "service health for load balancers (guests too), no customer data",
	"dms_app.api.vehicles.decode_vin": "VIN catalogue (makes, models), no customer data",
	"dms_app.portal.permissions.get_count": "counts through permission-checked get_list",
}


def whitelisted_methods() -> set[str]:
	for module in pkgutil.iter_modules(dms_app.api.__path__):
		importlib.import_module(f"dms_app.api.{module.name}")
	return {
		f"{fn.__module__}.{fn.__qualname__}"
		for fn in frappe.whitelisted
		if fn.__module__.startswith("dms_app.api.") or fn.__module__ == "dms_app.portal.permissions"
	}


@pytest.fixture
def neighbours():
	"""Alice (the caller) and Bob, whose vehicle, repair order and appointment she goes after."""
	from dms_app.tests.service_appointments import make_technician

	alice, bob = make_portal_customer("Portal Alice"), make_portal_customer("Portal Bob")
	alice.vin = make_customer_vehicle(alice.customer)
	bob.vin = make_customer_vehicle(bob.customer)
	bob.ro = make_repair_order(bob.customer, bob.vin)
	bob.line = next(row.name for row in bob.ro.labour if row.approval_status == "Proposed")
	make_technician(hours=8)
	frappe.set_user(bob.user)
	bob.appointment = frappe.get_attr("dms_app.api.service.book_appointment")(
		vehicle=bob.vin, date=add_days(nowdate(), 3), start_time="09:00"
	)["name"]
	frappe.set_user("Administrator")
	return alice, bob


def probes(bob) -> dict[str, dict]:
	"""Arguments aimed at Bob's records (or at staff-only work) for every refused method."""
	ro, vin = bob.ro.name, bob.vin
	return {
		"dms_app.api.sales.make_quotation": {"deal_name": "VD-0001"},
		"dms_app.api.sales.make_sales_order": {"deal_name": "VD-0001"},
		"dms_app.api.sales.make_deposit": {"deal_name": "VD-0001"},
		"dms_app.api.sales.mark_lost": {"deal_name": "VD-0001", "reason": "x"},
		"dms_app.api.sales.schedule_follow_up": {
			"doctype": "Opportunity",
			"name": "CRM-OPP-0001",
			"date": "2099-01-01",
			"description": "x",
		},
		"dms_app.api.sales.make_deal_from_opportunity": {"opportunity": "CRM-OPP-0001"},
		"dms_app.api.sales.deal_vehicle": {"deal_type": "Stock Vehicle", "vin": vin},
		"dms_app.api.sales.new_checklist": {"doctype": "PDI Checklist"},
		"dms_app.api.calendar.service_appointment_events": {
			"start": nowdate(),
			"end": add_days(nowdate(), 30),
		},
		"dms_app.api.calendar.move_service_appointment": {
			"args": {
				"name": bob.appointment,
				"start": f"{add_days(nowdate(), 4)} 09:00:00",
				"end": f"{add_days(nowdate(), 4)} 10:00:00",
			}
		},
		"dms_app.api.repair_orders.decide_lines": {"repair_order": ro, "decisions": {bob.line: "Approved"}},
		"dms_app.api.repair_orders.clock_on": {"repair_order": ro, "labour_row": bob.line},
		"dms_app.api.repair_orders.clock_off": {},
		"dms_app.api.repair_orders.issue_parts": {"repair_order": ro},
		"dms_app.api.repair_orders.return_parts": {"repair_order": ro, "row": "x", "qty": 1},
		"dms_app.api.repair_orders.make_invoice": {"repair_order": ro},
		"dms_app.api.repair_orders.complete_and_invoice": {"repair_order": ro},
		"dms_app.api.repair_orders.complete_and_invoice_many": {"names": [ro]},
		"dms_app.api.repair_orders.make_repair_order": {"source_name": bob.appointment},
		"dms_app.api.inspections.make_inspection": {"repair_order": ro},
		"dms_app.api.inspections.deferred_work": {"vehicle": vin},
		"dms_app.api.inspections.add_deferred_work": {"repair_order": ro, "names": ["DW-x"]},
		"dms_app.api.campaigns.open_campaigns": {"vin": vin},
		"dms_app.api.campaigns.add_campaign_job": {"repair_order": ro, "service_campaign": "x"},
		"dms_app.api.campaigns.import_campaigns": {"file_url": "/private/files/campaigns.csv"},
		"dms_app.api.data_exchange.export_all_data": {},
		"dms_app.api.data_exchange.dry_run_migration": {"migration": "x"},
		"dms_app.api.data_exchange.run_migration": {"migration": "x"},
		"dms_app.api.warranty.coverage": {"vin": vin},
		"dms_app.api.warranty.export_claims": {},
		"dms_app.api.warranty.import_response": {"content": "claim,status\nx,Paid"},
		"dms_app.api.warranty.claims_near_deadline": {},
		"dms_app.api.warranty.make_claims_from_repair_order": {"repair_order": ro},
		"dms_app.api.vehicles.import_vehicles": {"vehicle_import": "x"},
		"dms_app.api.vehicles.vehicle_stock_value": {},
		"dms_app.api.planning.run_forecast": {"job": "Parts Forecast"},
		"dms_app.api.planning.resume_run": {"run": "x"},
		"dms_app.api.planning.run_alerts_now": {},
		"dms_app.api.oem_orders.import_confirmations": {"csv_text": f"oem_order_no,line,vin\nX,1,{vin}"},
		"dms_app.api.oem_orders.mark_shipped": {"order": "x"},
		"dms_app.api.oem_orders.make_purchase_receipt": {"source_name": "x"},
		"dms_app.api.oem_orders.make_landed_cost_voucher": {"purchase_receipt": "x"},
		"dms_app.api.oem_orders.make_parts_order": {"supplier": "x", "items": []},
		"dms_app.portal.permissions.get_group_by_count": {
			"doctype": "Repair Order",
			"current_filters": frappe.as_json({"customer": bob.customer}),
			"field": "assigned_to",
		},
	}


def test_every_whitelisted_method_is_reviewed_for_customers(neighbours):
	_alice, bob = neighbours
	unreviewed = whitelisted_methods() - set(OPEN_TO_CUSTOMERS) - set(probes(bob))
	assert not unreviewed, f"list these in test_portal_methods.py with a probe: {sorted(unreviewed)}"
	stale = (set(OPEN_TO_CUSTOMERS) | set(probes(bob))) - whitelisted_methods()
	assert not stale, f"no longer whitelisted, take them out of test_portal_methods.py: {sorted(stale)}"


def test_customers_are_refused_by_staff_methods(neighbours):
	alice, bob = neighbours
	untouched = frappe.db.get_value(bob.ro.doctype, bob.ro.name, "modified")
	allowed = []
	for method, kwargs in probes(bob).items():
		frappe.set_user(alice.user)
		try:
			frappe.call(frappe.get_attr(method), **kwargs)
		except REFUSED:
			pass
		else:
			allowed.append(method)
		frappe.clear_messages()
	assert not allowed, f"a customer may call {allowed}"
	frappe.set_user("Administrator")
	assert frappe.db.get_value(bob.ro.doctype, bob.ro.name, "modified") == untouched
	assert frappe.db.get_value("Repair Order Labour", bob.line, "approval_status") == "Proposed"
	assert frappe.db.get_value("Service Appointment", bob.appointment, "status") != "Cancelled"
	assert frappe.db.count("Service Appointment", {"vehicle": bob.vin}) == 1
