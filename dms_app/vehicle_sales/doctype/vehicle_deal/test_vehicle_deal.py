import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, apply_workflow
from frappe.utils import flt

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import deal as deal_logic


@pytest.fixture
def limits():
	frappe.db.set_single_value("DMS Settings", {"max_discount_percent": 5, "max_discount_amount": 0})


def test_totals_taxes_and_finance_are_computed(limits):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(
		factories.make_customer(),
		vin,
		vehicle_price=30000,
		discount_amount=1000,
		taxes_and_charges=tu.tax_template(10),
		items=[{"line_type": "Fee", "item_code": "DMS-REG-FEE", "qty": 1, "rate": 500}],
		deposit=2000,
		payment_method="Finance",
		lender=factories.make_customer("Test Auto Finance Bank"),
		term_months=60,
		apr=6,
	)
	assert deal.net_total == 29500
	assert deal.total_taxes == 2950  # ERPNext's 10 % on the net total
	assert deal.grand_total == 32450
	assert deal.balance_due == 30450
	assert deal.amount_financed == 30450
	assert deal.monthly_payment == 588.68
	assert deal.model and deal.vehicle_item and not deal.needs_approval
	assert deal.approval_status == "Draft"


def test_discount_over_the_limit_needs_a_managers_approval(limits):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000, discount_amount=2500)
	assert deal.needs_approval and deal.discount_percent == pytest.approx(8.3333, abs=0.001)

	with pytest.raises(frappe.ValidationError, match="approval"):
		deal_logic.make_quotation(deal.name)
	# a consultant cannot simply confirm it: the workflow's only way is to request approval
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	frappe.db.set_value("Vehicle Deal", deal.name, "sales_person", consultant)
	frappe.set_user(consultant)
	with pytest.raises(frappe.ValidationError):
		apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Approve")
	apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Request Approval")
	with pytest.raises((WorkflowPermissionError, frappe.ValidationError)):
		apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Approve")

	manager = factories.make_user(roles=("Sales Manager",))
	frappe.set_user(manager)
	approved = apply_workflow(frappe.get_doc("Vehicle Deal", deal.name), "Approve")
	assert approved.approval_status == "Approved"
	assert approved.approved_by == manager and approved.approved_discount == 2500

	frappe.set_user(consultant)
	raised = frappe.get_doc("Vehicle Deal", deal.name)
	raised.discount_amount = 3000
	with pytest.raises(frappe.ValidationError, match="more than the 2500"):
		raised.save()
	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.vehicle_deal == deal.name
	assert quotation.items[0].vin == vin and quotation.items[0].rate == 27500


def test_consultant_cannot_self_approve_by_raising_the_discount_in_the_approving_save(limits):
	vin = tu.stock_vehicle()
	customer = factories.make_customer()
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	frappe.set_user(consultant)
	deal = tu.make_deal(customer, vin, vehicle_price=30000, discount_amount=500)
	# what a REST PUT of {"discount_amount": 2500, "workflow_state": "Approved", "approval_status":
	# "Approved"} does
	deal.update({"discount_amount": 2500, "workflow_state": "Approved", "approval_status": "Approved"})
	with pytest.raises(frappe.ValidationError, match="cannot move from Draft to Approved"):
		deal.save()
	assert frappe.db.get_value(
		"Vehicle Deal", deal.name, ["approval_status", "workflow_state", "discount_amount"]
	) == ("Draft", "Draft", 500)


def test_a_price_below_list_counts_as_discount_for_the_limit(limits):
	vin = tu.stock_vehicle()  # list price 30,000
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=27000, discount_amount=500)
	assert deal.list_price == 30000 and deal.needs_approval  # 3,500 off list is 11.7 %
	with pytest.raises(frappe.ValidationError, match="approval"):
		deal_logic.make_quotation(deal.name)
	above_list = tu.make_deal(factories.make_customer(), tu.stock_vehicle(), vehicle_price=31000)
	assert not above_list.needs_approval


def test_sales_order_cannot_undercut_the_approved_price(limits):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000, discount_amount=500)
	quotation = deal_logic.make_quotation(deal.name)
	quotation.submit()
	order = deal_logic.make_sales_order(deal.name)
	assert order.vehicle_deal == deal.name and order.items[0].vin == vin
	with pytest.raises(frappe.ValidationError, match="already has Sales Order"):
		deal_logic.make_sales_order(deal.name)  # a second click
	order.items[0].rate = 28000
	with pytest.raises(frappe.ValidationError, match="below the deal's approved price"):
		order.save()


def test_quotation_then_order_reserve_the_vin_and_follow_the_deal(limits):
	vin = tu.stock_vehicle()
	customer = factories.make_customer()
	deal = tu.make_deal(customer, vin, vehicle_price=31000, taxes_and_charges=tu.tax_template(10))
	quotation = deal_logic.make_quotation(deal.name)
	assert quotation.total_taxes_and_charges == deal.total_taxes == 3100
	quotation.submit()
	assert frappe.db.get_value("Vehicle Deal", deal.name, ["status", "quotation"]) == (
		"Quoted",
		quotation.name,
	)
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	assert frappe.db.get_value("Vehicle Deal", deal.name, "status") == "Ordered"
	assert frappe.db.get_value("Motor Vehicle", vin, ["status", "reserved_for"]) == ("Reserved", customer)
	deal.reload()
	deal.vehicle_price = 20000
	with pytest.raises(frappe.ValidationError, match="cancel it before changing"):
		deal.save()
	order.cancel()
	assert frappe.db.get_value("Vehicle Deal", deal.name, ["status", "sales_order"]) == ("Quoted", None)


def test_a_vin_reserved_for_someone_else_cannot_be_dealt_or_ordered(limits):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000)
	deal_logic.make_quotation(deal.name).submit()
	# meanwhile another salesperson reserves the car for another customer
	factories.make_sales_order(factories.make_customer(), vin)
	with pytest.raises(frappe.ValidationError, match="reserved for"):
		deal_logic.make_sales_order(deal.name)
	with pytest.raises(frappe.ValidationError, match="reserved for"):
		tu.make_deal(factories.make_customer(), vin, vehicle_price=30000)
	assert not frappe.db.get_value("Vehicle Deal", deal.name, "sales_order")


def test_factory_order_deal_sells_the_trim_without_a_vin(limits):
	trim = factories.make_vehicle_trim(list_price=41000)
	deal = tu.make_deal(factories.make_customer(), trim=trim)
	assert deal.vehicle_price == 41000 and not deal.vin
	quotation = deal_logic.make_quotation(deal.name)
	quotation.submit()
	order = deal_logic.make_sales_order(deal.name)
	order.submit()
	assert not order.items[0].vin


def test_lead_without_customer_gets_one_on_quotation(limits):
	vin = tu.stock_vehicle()
	deal = tu.make_deal(None, vin, lead=tu.make_lead(), vehicle_price=30000)
	quotation = deal_logic.make_quotation(deal.name)
	customer = frappe.db.get_value("Vehicle Deal", deal.name, "customer")
	assert customer and quotation.party_name == customer
	assert frappe.db.get_value("Customer", customer, "lead_name") == deal.lead


def test_lost_deal_and_bad_finance_input(limits):
	vin = tu.stock_vehicle()
	with pytest.raises(frappe.ValidationError, match="term in months"):
		tu.make_deal(
			factories.make_customer(),
			vin,
			vehicle_price=30000,
			payment_method="Finance",
			lender=factories.make_customer(),
		)
	with pytest.raises(frappe.ValidationError, match="more than the balance due"):
		tu.make_deal(
			factories.make_customer(),
			vin,
			vehicle_price=30000,
			payment_method="Finance",
			lender=factories.make_customer(),
			term_months=36,
			amount_financed=40000,
		)
	with pytest.raises(frappe.ValidationError, match="cannot exceed the vehicle price"):
		tu.make_deal(factories.make_customer(), vin, vehicle_price=30000, discount_amount=31000)
	deal = tu.make_deal(factories.make_customer(), vin, vehicle_price=30000)
	deal_logic.mark_lost(deal.name, "Bought elsewhere")
	assert frappe.db.get_value("Vehicle Deal", deal.name, "status") == "Lost"
	with pytest.raises(frappe.ValidationError, match="lost"):
		deal_logic.make_quotation(deal.name)


def test_admin_edits_to_the_workflow_and_settings_survive_ensure_defaults():
	from dms_app.setup.defaults import ensure_default_records

	workflow = frappe.get_doc("Workflow", "Vehicle Deal Approval")
	for transition in workflow.transitions:
		if transition.state == "Pending Approval":
			transition.allowed = "DMS Manager"
	workflow.save()
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 7.5)
	template = frappe.get_doc("PDI Template", "Standard PDI")
	template.append("items", {"section": "Final", "check_item": "Dealer plates removed"})
	template.save()

	ensure_default_records()

	allowed = {
		t.allowed
		for t in frappe.get_doc("Workflow", "Vehicle Deal Approval").transitions
		if t.state == "Pending Approval"
	}
	assert allowed == {"DMS Manager"}
	assert flt(frappe.db.get_single_value("DMS Settings", "max_discount_percent")) == 7.5
	assert frappe.get_doc("PDI Template", "Standard PDI").items[-1].check_item == "Dealer plates removed"


# ---------------------------------------------------------------- permissions


def test_consultant_sees_and_changes_only_own_deals_manager_all(limits):
	vin = tu.stock_vehicle()
	alice = factories.make_user(roles=("Sales Consultant", "Sales User"))
	bob = factories.make_user(roles=("Sales Consultant", "Sales User"))
	manager = factories.make_user(roles=("Sales Manager",))
	customer = factories.make_customer()
	frappe.set_user(alice)
	mine = tu.make_deal(customer, vin, vehicle_price=30000)
	assert mine.sales_person == alice
	frappe.set_user(bob)
	theirs = tu.make_deal(customer, vin, vehicle_price=30500)

	frappe.set_user(alice)
	visible = set(frappe.get_list("Vehicle Deal", pluck="name"))
	assert mine.name in visible and theirs.name not in visible
	assert not frappe.has_permission("Vehicle Deal", "read", doc=theirs.name)
	with pytest.raises(frappe.PermissionError):
		frappe.client.get("Vehicle Deal", theirs.name)  # what GET /api/resource/... does
	with pytest.raises(frappe.PermissionError):
		frappe.client.set_value("Vehicle Deal", theirs.name, "discount_amount", 100)
	with pytest.raises(frappe.PermissionError):
		deal_logic.make_quotation(theirs.name)
	with pytest.raises(frappe.PermissionError):
		tu.make_deal(customer, vin, vehicle_price=30000, sales_person=bob)  # not on someone else's name
	frappe.client.set_value("Vehicle Deal", mine.name, "deposit", 500)

	frappe.set_user(manager)
	visible = set(frappe.get_list("Vehicle Deal", pluck="name"))
	assert {mine.name, theirs.name} <= visible
	frappe.client.set_value("Vehicle Deal", theirs.name, "deposit", 700)


def test_roles_without_sales_access_see_no_deals():
	technician = factories.make_user(roles=("Technician",))
	frappe.set_user(technician)
	with pytest.raises(frappe.PermissionError):
		frappe.get_list("Vehicle Deal")


def test_sales_api_methods_that_write_are_post_only():
	from dms_app.api import sales

	for method in (sales.make_quotation, sales.make_sales_order, sales.mark_lost, sales.schedule_follow_up):
		assert frappe.allowed_http_methods_for_whitelisted_func[method] == ["POST"], method.__name__
