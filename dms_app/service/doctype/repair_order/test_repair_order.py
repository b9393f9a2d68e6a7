"""Repair order end to end against ERPNext: approvals, clocking, parts through stock, completion
bookings, the Sales Invoice with its GL and stock ledger, and the refusals in between."""

import frappe
import pytest
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, flt, now_datetime, nowdate

from dms_app.api import repair_orders as api
from dms_app.dealer_accounting.accounts import department_accounts
from dms_app.service.repair_orders import complete
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt
from dms_app.tests.service_appointments import make_website_user


def settings(field):
	return frappe.db.get_single_value("DMS Settings", field)


def act(name, action):
	return apply_workflow(frappe.get_doc("Repair Order", name), action)


def gl(voucher_no):
	"""{account: debit - credit} of a voucher's live GL entries."""
	rows = frappe.db.sql(
		"""select account, sum(debit - credit) from `tabGL Entry`
		where voucher_no = %s and is_cancelled = 0 group by account""",
		voucher_no,
	)
	return {account: flt(amount, 2) for account, amount in rows if flt(amount, 2)}


def stock_moves(voucher_no):
	return sorted(
		(r.item_code, r.warehouse, flt(r.actual_qty))
		for r in frappe.get_all(
			"Stock Ledger Entry",
			filters={"voucher_no": voucher_no, "is_cancelled": 0},
			fields=["item_code", "warehouse", "actual_qty"],
		)
	)


def clock_hour(repair_order, row, employee, hours=1.0):
	"""Clock on and off, the clock-on moved back `hours`."""
	log = api.clock_on(repair_order, row, employee)
	frappe.db.set_value("Technician Time Log", log, "start", add_to_date(now_datetime(), hours=-hours))
	api.clock_off(employee)
	return log


@pytest.fixture(scope="module")
def shared_mixed_order(module_transaction):
	"""One mixed order for the module: each test rolls back to it (conftest.py's module_transaction)."""
	made = rt.make_mixed_order()
	module_transaction.keep()
	return made


@pytest.fixture
def mixed_order(shared_mixed_order):
	"""The module's mixed order, read afresh: a test changes its own copy."""
	return frappe._dict(shared_mixed_order, doc=frappe.get_doc("Repair Order", shared_mixed_order.doc.name))


def test_full_path_to_invoice_with_gl_and_stock_ledger(mixed_order):
	doc, parts, employee = mixed_order.doc, mixed_order.parts, mixed_order.employee
	assert doc.name.startswith("RO-") and doc.status == "Open"
	assert [r.approval_status for r in doc.labour] == ["Proposed", "Approved", "Approved"]
	assert doc.labour[0].flat_hours == 1.5 and doc.labour[0].amount == 180

	doc = act(doc.name, "Start Work")  # the customer's authorisation of the estimate
	assert doc.status == "In Progress" and doc.customer_authorised_on
	assert {r.approval_status for _t, r in api.repair_orders.lines(doc)} == {"Approved"}
	assert doc.parts[0].reserved_qty == 2

	clock_hour(doc.name, doc.labour[0].name, employee, hours=1.25)
	assert flt(frappe.db.get_value("Repair Order Labour", doc.labour[0].name, "actual_hours"), 2) == 1.25

	# added work after the first approval waits for the customer, who approves it on the portal
	doc.reload()
	doc.append("labour", {"job_no": 1, "description": "Replace brake fluid", "flat_hours": 0.5, "rate": 120})
	doc.append("parts", {"job_no": 1, "item_code": parts["c"], "qty": 1})
	doc.save()
	assert doc.labour[-1].approval_status == "Proposed" and doc.proposed_total == 95
	with pytest.raises(frappe.ValidationError, match="customer's decision"):
		complete(doc.name)
	doc = act(doc.name, "Request Approval")
	assert doc.status == "Waiting Approval"
	portal_user = make_website_user(doc.customer)
	frappe.set_user(portal_user)
	result = api.decide_lines(doc.name, {doc.labour[-1].name: "Approved", doc.parts[-1].name: "Declined"})
	frappe.set_user("Administrator")
	assert result["proposed"] == 0 and result["decided_via"] == "Portal"
	doc.reload()
	assert doc.labour[-1].approval_status == "Approved" and doc.labour[-1].approved_by == portal_user
	assert doc.labour[-1].decided_via == "Portal" and doc.labour[-1].approved_on
	assert doc.parts[-1].approval_status == "Declined"
	doc = act(doc.name, "Resume")

	issue = api.issue_parts(doc.name)
	workshop, store = settings("workshop_warehouse"), settings("parts_warehouse")
	assert stock_moves(issue) == sorted(
		[
			(parts["c"], store, -2),
			(parts["c"], workshop, 2),
			(parts["i"], store, -1),
			(parts["i"], workshop, 1),
			(parts["w"], store, -1),
			(parts["w"], workshop, 1),
		]
	)
	assert gl(issue) == {}  # same stock account: a transfer books nothing
	doc.reload()
	assert [p.issued_qty for p in doc.parts] == [2, 1, 1, 0]
	doc.odometer_out = 20150
	doc.save()

	result = complete(doc.name)
	doc.reload()
	assert result.status == doc.status == "Invoiced" and doc.completed_on
	invoice = frappe.get_doc("Sales Invoice", doc.sales_invoice)
	assert invoice.docstatus == 1 and invoice.repair_order == doc.name and invoice.update_stock
	# labour 1.5 h + 0.5 h at 120, parts 2 x 35, sublet 50; warranty and internal lines not billed;
	# the company's default sales tax template on top
	assert flt(invoice.net_total) == 240 + 70 + 50
	assert invoice.taxes and flt(invoice.total_taxes_and_charges) == flt(
		360 * sum(t.rate for t in invoice.taxes) / 100, 2
	)
	billed = flt(invoice.rounded_total or invoice.grand_total)
	company = doc.company
	receivable = frappe.get_cached_value("Company", company, "default_receivable_account")
	# labour and sublet to Service - Customer Pay, parts to Parts (dms_app.dealer_accounting)
	departments = department_accounts(company)
	income = departments["service_customer"].income_account
	ledger = gl(invoice.name)
	assert ledger[receivable] == billed
	assert ledger[income] == -(240 + 50)
	assert ledger[departments["parts"].income_account] == -70
	assert all(ledger[t.account_head] == -flt(t.tax_amount, 2) for t in invoice.taxes)
	cogs = departments["parts"].cost_of_sales_account
	assert ledger[cogs] == 40  # 2 x 20 at valuation
	assert stock_moves(invoice.name) == [(parts["c"], workshop, -2)]

	payment = get_payment_entry("Sales Invoice", invoice.name)
	payment.update({"reference_no": doc.name, "reference_date": nowdate()})
	payment.insert()
	payment.submit()
	assert flt(frappe.db.get_value("Sales Invoice", invoice.name, "outstanding_amount")) == 0
	assert gl(payment.name)[receivable] == -billed

	internal = settings("internal_service_expense_account")
	warranty = settings("warranty_parts_expense_account")
	assert gl(doc.internal_journal_entry) == {
		internal: 100,
		departments["service_internal"].income_account: -100,
	}
	consumption = gl(doc.consumption_stock_entry)
	assert consumption[internal] == 15 and consumption[warranty] == 40
	assert sorted(stock_moves(doc.consumption_stock_entry)) == sorted(
		[(parts["i"], workshop, -1), (parts["w"], workshop, -1)]
	)
	assert frappe.db.get_value("Bin", {"item_code": parts["c"], "warehouse": workshop}, "actual_qty") == 0

	vehicle = frappe.get_doc("Motor Vehicle", doc.vehicle)
	assert vehicle.odometer == 20150
	if vehicle.meta.has_field("last_service_odometer"):
		assert vehicle.last_service_odometer == 20150


def test_cancel_invoice_reinvoice_and_cancel_the_order_reverse_cleanly(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(doc.name)
	complete(doc.name)
	doc.reload()
	first = doc.sales_invoice

	with pytest.raises(
		frappe.ValidationError, match=r"(?i)already invoiced|not a valid workflow action|cannot move"
	):
		api.make_invoice(doc.name)

	frappe.get_doc("Sales Invoice", first).cancel()
	doc.reload()
	assert doc.status == "Completed" and not doc.sales_invoice
	assert gl(first) == {}

	amended = frappe.copy_doc(frappe.get_doc("Sales Invoice", first))
	amended.amended_from = first
	amended.docstatus = 0
	with pytest.raises(frappe.ValidationError, match="from the repair order"):
		amended.insert()

	second = api.make_invoice(doc.name)
	assert second != first and frappe.db.get_value("Sales Invoice", second, "docstatus") == 1

	frappe.get_doc("Sales Invoice", second).cancel()
	journal, consumption = doc.internal_journal_entry, doc.consumption_stock_entry
	with pytest.raises(frappe.ValidationError, match="cancel the repair order"):
		frappe.get_doc("Journal Entry", journal).cancel()
	doc = act(doc.name, "Cancel")  # "Reopen" is Cancel + Amend
	assert (doc.docstatus, doc.status) == (2, "Cancelled")
	assert frappe.db.get_value("Journal Entry", journal, "docstatus") == 2
	assert frappe.db.get_value("Stock Entry", consumption, "docstatus") == 2
	assert gl(journal) == {} and stock_moves(consumption) == []


def test_no_workflow_move_without_a_role_on_the_order(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(doc.name)
	act(doc.name, "Complete")
	unassigned_technician, _employee = rt.make_technician()
	for user in (factories.make_user(roles=("Sales Consultant",)), unassigned_technician):
		frappe.set_user(user)
		with pytest.raises(frappe.PermissionError):
			api.make_invoice(doc.name)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Repair Order", doc.name, ["status", "sales_invoice"]) == ("Completed", None)


def test_technician_cannot_invoice_or_complete_and_sees_only_assigned_orders(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	user, employee = rt.make_technician()
	other = rt.make_repair_order()
	doc.labour[0].technician = employee
	doc.save()
	api.issue_parts(doc.name)
	frappe.set_user(user)
	assert frappe.get_list("Repair Order", pluck="name") == [doc.name]
	assert not frappe.has_permission("Repair Order", "read", other.name)
	with pytest.raises(frappe.PermissionError):
		complete(doc.name)
	frappe.set_user("Administrator")
	act(doc.name, "Complete")
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		api.make_invoice(doc.name)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Repair Order", doc.name, "status") == "Completed"


def test_complete_many_outside_its_job_commits_nothing_and_stops_at_a_failure(mixed_order):
	from dms_app.service import invoicing

	ready = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(ready.name)
	not_ready = act(
		rt.make_repair_order(parts=[{"job_no": 1, "item_code": rt.make_part(), "qty": 1}]).name, "Start Work"
	)
	with pytest.raises(frappe.ValidationError, match="issued"):
		invoicing.complete_many([not_ready.name])
	assert invoicing.complete_many([ready.name]) == {"done": 1, "failed": {}}
	assert frappe.db.get_value("Repair Order", ready.name, "status") == "Invoiced"


def test_complete_and_invoice_from_the_form_and_the_list_as_the_workflow_roles_allow(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(doc.name)
	other = act(rt.make_repair_order().name, "Start Work")
	frappe.set_user(factories.make_user(roles=("Technician",)))  # works orders, completes none
	with pytest.raises(frappe.PermissionError, match=doc.name):
		api.complete_and_invoice_many([doc.name, other.name])
	with pytest.raises(frappe.PermissionError):
		api.complete_and_invoice(doc.name)
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	with pytest.raises(frappe.ValidationError, match="Select the repair orders"):
		api.complete_and_invoice_many([])
	# queued for after the request's commit: the job (complete_many) runs nothing here
	assert api.complete_and_invoice_many(frappe.as_json([doc.name, other.name])) == 2
	assert frappe.db.get_value("Repair Order", doc.name, "status") == "In Progress"
	invoice = api.complete_and_invoice(doc.name)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Repair Order", doc.name, ["status", "sales_invoice"]) == ("Invoiced", invoice)
	assert frappe.db.get_value("Sales Invoice", invoice, "docstatus") == 1


def test_double_completion_is_refused(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(doc.name)
	act(doc.name, "Complete")
	with pytest.raises(frappe.ValidationError):
		complete(doc.name, invoice=False)
	doc.reload()
	doc.status = "Completed"
	doc.save()  # no change, no second booking
	assert frappe.db.count("Journal Entry", {"repair_order": doc.name, "docstatus": 1}) == 1
	assert frappe.db.count("Stock Entry", {"repair_order": doc.name, "purpose": "Material Issue"}) == 1


def test_completion_needs_parts_issued_and_clocks_off(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.clock_on(doc.name, doc.labour[0].name, mixed_order.employee)
	with pytest.raises(frappe.ValidationError) as error:
		act(doc.name, "Complete")
	assert "issued" in str(error.value) and "clocked on" in str(error.value)
	assert frappe.db.get_value("Repair Order", doc.name, "status") == "In Progress"
	assert not frappe.db.exists("Journal Entry", {"repair_order": doc.name})


def test_one_technician_one_job_but_many_technicians_one_line(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	first, second = mixed_order.employee, rt.make_employee()
	api.clock_on(doc.name, doc.labour[0].name, first)
	api.clock_on(doc.name, doc.labour[0].name, second)  # two on one line: allowed
	with pytest.raises(frappe.ValidationError, match="already clocked on"):
		api.clock_on(doc.name, doc.labour[1].name, first)
	api.clock_off(first)
	api.clock_on(doc.name, doc.labour[1].name, first)  # after a pause, another job
	assert frappe.db.count("Technician Time Log", {"employee": first}) == 2


def test_overlapping_manual_log_and_closed_order_are_refused(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	employee = mixed_order.employee
	clock_hour(doc.name, doc.labour[0].name, employee, hours=2)
	with pytest.raises(frappe.ValidationError, match="already clocked on"):
		frappe.get_doc(
			{
				"doctype": "Technician Time Log",
				"repair_order": doc.name,
				"labour_row": doc.labour[1].name,
				"employee": employee,
				"start": add_to_date(now_datetime(), hours=-1),
				"end": add_to_date(now_datetime(), minutes=-30),
			}
		).insert()
	api.issue_parts(doc.name)
	act(doc.name, "Complete")
	with pytest.raises(frappe.ValidationError, match="can no longer clock"):
		api.clock_on(doc.name, doc.labour[0].name, employee)


def test_technician_clocks_only_own_assigned_lines(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	user, employee = rt.make_technician()
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		api.clock_on(doc.name, doc.labour[1].name)  # unassigned line of an order not theirs
	frappe.set_user("Administrator")
	doc.labour[2].technician = employee
	doc.save()
	frappe.set_user(user)
	with pytest.raises(frappe.PermissionError):
		api.clock_on(doc.name, doc.labour[0].name)  # assigned to someone else
	with pytest.raises(frappe.PermissionError):
		api.clock_on(doc.name, doc.labour[1].name, mixed_order.employee)  # someone else's clock
	log = api.clock_on(doc.name, doc.labour[1].name)  # unassigned line of their order, own clock
	assert frappe.db.get_value("Technician Time Log", log, "employee") == employee


def test_technician_cannot_back_date_or_stretch_own_clocking(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	user, employee = rt.make_technician()
	doc.labour[0].technician = employee
	doc.save()
	frappe.set_user(user)
	past = frappe.get_doc(
		{
			"doctype": "Technician Time Log",
			"repair_order": doc.name,
			"labour_row": doc.labour[0].name,
			"employee": employee,
			"start": add_to_date(now_datetime(), hours=-3),
			"end": add_to_date(now_datetime(), hours=-1),
		}
	)
	with pytest.raises(frappe.PermissionError, match="as they work"):
		past.insert()
	log = frappe.get_doc("Technician Time Log", api.clock_on(doc.name, doc.labour[0].name))
	log.start = add_to_date(log.start, hours=-4)
	with pytest.raises(frappe.PermissionError, match="correct a clocking"):
		log.save()
	api.clock_off()
	log.reload()
	log.end = add_to_date(log.end, minutes=-1)
	with pytest.raises(frappe.PermissionError, match="correct a clocking"):
		log.save()
	frappe.set_user("Administrator")
	log.reload()
	log.start = add_to_date(log.start, hours=-2)
	log.save()  # an advisor corrects it
	assert flt(log.hours, 1) == 2.0


def test_write_endpoints_accept_post_only():
	for method in (
		api.decide_lines,
		api.clock_on,
		api.clock_off,
		api.issue_parts,
		api.return_parts,
		api.make_invoice,
		api.complete_and_invoice,
		api.complete_and_invoice_many,
	):
		assert frappe.allowed_http_methods_for_whitelisted_func[method] == ["POST"], method.__name__


def test_parts_staff_only_on_orders_they_can_see(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	frappe.set_user(factories.make_user(roles=("Stock User", "Stock Manager")))
	with pytest.raises(frappe.PermissionError):
		api.issue_parts(doc.name)
	frappe.set_user(factories.make_user(roles=("Parts Manager",)))
	assert api.issue_parts(doc.name)


def test_invoice_bills_approved_amounts_with_default_taxes(mixed_order):
	"""A pricing rule must not reprice what the customer approved; the default tax template applies."""
	doc, company = mixed_order.doc, mixed_order.doc.company
	frappe.get_doc(
		{
			"doctype": "Pricing Rule",
			"title": "Parts 10% off",
			"apply_on": "Item Code",
			"items": [{"item_code": mixed_order.parts["c"]}],
			"selling": 1,
			"company": company,
			"rate_or_discount": "Discount Percentage",
			"discount_percentage": 10,
		}
	).insert()
	tax_account = tax_account_for(company)
	frappe.get_doc(
		{
			"doctype": "Sales Taxes and Charges Template",
			"title": f"VAT {frappe.generate_hash(length=5)}",
			"company": company,
			"is_default": 1,
			"taxes": [
				{
					"charge_type": "On Net Total",
					"account_head": tax_account,
					"description": "VAT",
					"rate": 10,
				}
			],
		}
	).insert()
	doc = act(doc.name, "Start Work")
	api.issue_parts(doc.name)
	complete(doc.name)
	invoice = frappe.get_doc("Sales Invoice", frappe.db.get_value("Repair Order", doc.name, "sales_invoice"))
	assert [flt(i.rate) for i in invoice.items] == [120, 35, 50]
	assert flt(invoice.net_total) == 180 + 70 + 50
	assert flt(invoice.grand_total) == 330
	assert gl(invoice.name)[tax_account] == -30
	departments = department_accounts(company)
	assert invoice.items[0].income_account == departments["service_customer"].income_account
	assert [i.cost_center for i in invoice.items] == [
		departments["service_customer"].cost_center,
		departments["parts"].cost_center,
		departments["service_customer"].cost_center,
	]


def tax_account_for(company):
	abbr = frappe.get_cached_value("Company", company, "abbr")
	parent = frappe.db.get_value(
		"Account", {"company": company, "is_group": 1, "account_name": "Duties and Taxes"}
	)
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": f"Test VAT {frappe.generate_hash(length=4)}",
				"company": company,
				"parent_account": parent or f"Duties and Taxes - {abbr}",
				"account_type": "Tax",
			}
		)
		.insert()
		.name
	)


def test_bad_input_is_refused_and_nothing_written():
	part = rt.make_part(qty=1)
	count = frappe.db.count("Repair Order")
	with pytest.raises(frappe.ValidationError, match=r"greater than zero|negative"):
		rt.make_repair_order(parts=[{"job_no": 1, "item_code": part, "qty": -2}])
	with pytest.raises(frappe.ValidationError, match="job 7 does not exist"):
		rt.make_repair_order(parts=[{"job_no": 7, "item_code": part, "qty": 1}])
	assert frappe.db.count("Repair Order") == count

	doc = rt.make_repair_order(parts=[{"job_no": 1, "item_code": part, "qty": 3}])
	doc = act(doc.name, "Start Work")
	assert doc.parts[0].reserved_qty == 1
	entries = frappe.db.count("Stock Entry", {"repair_order": doc.name})
	with pytest.raises(frappe.ValidationError, match=r"only 1\.0 of"):
		api.issue_parts(doc.name)
	assert frappe.db.count("Stock Entry", {"repair_order": doc.name}) == entries


def test_decisions_only_by_the_orders_customer(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	doc.append("labour", {"job_no": 1, "description": "Extra", "flat_hours": 1, "rate": 100})
	doc.save()
	row = doc.labour[-1].name
	stranger = make_website_user(factories.make_customer())
	frappe.set_user(stranger)
	with pytest.raises(frappe.DoesNotExistError, match="not found"):  # as if there were no such order
		api.decide_lines(doc.name, [{"row": row, "decision": "Approved"}])
	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		api.decide_lines(doc.name, {row: "Approved"})
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Repair Order Labour", row, "approval_status") == "Proposed"
	with pytest.raises(frappe.ValidationError, match="Approved or Declined"):
		api.decide_lines(doc.name, {row: "Maybe"})
	with pytest.raises(frappe.ValidationError, match="not on repair order"):
		api.decide_lines(doc.name, {"nope": "Approved"})
	doc.reload()
	doc.labour[-1].approval_status = "Approved"
	with pytest.raises(frappe.ValidationError, match="Record Customer Decision"):
		doc.save()
	result = api.decide_lines(doc.name, {row: "Declined"})
	assert result["decided_via"] == "Desk"
	with pytest.raises(frappe.ValidationError, match="already Declined"):
		api.decide_lines(doc.name, {row: "Approved"})


def test_approved_line_the_customer_would_pay_more_for_goes_back_to_the_customer(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	doc.labour[0].rate = 150  # approved at 120
	doc.labour[2].pay_type = "Customer"  # was warranty: the customer never agreed to pay it
	doc.parts[0].qty = 1  # cheaper: stays approved
	doc.save()
	assert [r.approval_status for r in doc.labour] == ["Proposed", "Approved", "Proposed"]
	assert not doc.labour[0].approved_by and doc.parts[0].approval_status == "Approved"
	assert doc.proposed_total == 225 + 200
	api.issue_parts(doc.name)
	with pytest.raises(frappe.ValidationError, match="customer's decision"):
		complete(doc.name)
	api.decide_lines(doc.name, {doc.labour[0].name: "Approved", doc.labour[2].name: "Declined"})
	complete(doc.name)
	invoice = frappe.get_doc("Sales Invoice", frappe.db.get_value("Repair Order", doc.name, "sales_invoice"))
	assert flt(invoice.net_total) == 225 + 35 + 50


def test_estimate_print_shows_jobs_lines_decisions_and_totals(mixed_order):
	doc = mixed_order.doc
	doc.jobs[0].cause = "Pads worn to the backing plate"
	doc.save()
	from frappe.www.printview import get_html_and_style

	# not frappe.get_print: its print view writes an Access Log and commits it
	html = get_html_and_style("Repair Order", doc.name, print_format="Repair Order Estimate")["html"]
	for text in ("Brake noise", "Pads worn to the backing plate", "Window regulator failed", "Proposed"):
		assert text in html
	assert html.count("<tr><td>Labour</td>") == 3 and "Wheel alignment" in html
	assert frappe.utils.fmt_money(doc.proposed_total, currency=doc.currency) in html


def test_parts_return_and_void_need_nothing_in_the_workshop(mixed_order):
	doc = act(mixed_order.doc.name, "Start Work")
	api.issue_parts(doc.name)
	doc.reload()
	with pytest.raises(frappe.ValidationError, match="return them"):
		act(doc.name, "Void")
	for row in doc.parts:
		api.return_parts(doc.name, row.name, row.issued_qty)
	doc = act(doc.name, "Void")
	assert (doc.docstatus, doc.status) == (0, "Voided") and all(p.issued_qty == 0 for p in doc.parts)
	with pytest.raises(frappe.ValidationError, match="voided: it can no longer change"):
		doc.parts[0].qty = 5
		doc.save()


def test_reports_show_efficiency_elr_age_and_parts(mixed_order):
	from dms_app.service.report.effective_labour_rate import effective_labour_rate
	from dms_app.service.report.parts_used_by_repair_orders import parts_used_by_repair_orders
	from dms_app.service.report.repair_orders_by_status_and_age import repair_orders_by_status_and_age
	from dms_app.service.report.technician_efficiency import technician_efficiency

	doc = act(mixed_order.doc.name, "Start Work")
	employee = mixed_order.employee
	clock_hour(doc.name, doc.labour[0].name, employee, hours=1.2)
	api.issue_parts(doc.name)
	_columns, rows, _m, chart = repair_orders_by_status_and_age.execute({"company": doc.company})
	mine = next(r for r in rows if r.name == doc.name)
	assert mine.status == "In Progress" and mine.age_days == 0 and mine.age_bucket == "Today"
	assert "In Progress" in chart["data"]["labels"]
	complete(doc.name)

	_columns, rows = technician_efficiency.execute({"employee": employee, "company": doc.company})
	assert len(rows) == 1
	row = rows[0]
	assert row["flat_hours_billed"] == 1.5 and row["hours_clocked"] == 1.2
	assert row["efficiency"] == 125.0  # 1.5 / 1.2
	assert row["hours_attended"] == 8 and row["attended_from"] == "Days clocked"
	assert row["productivity"] == 15.0 and row["proficiency"] == 18.8

	_columns, rows = effective_labour_rate.execute({"company": doc.company})
	by_type = {r.pay_type: r for r in rows if r.pay_type}
	assert by_type["Customer"].effective_labour_rate >= 0
	total = rows[-1]
	assert total.month == "Total"
	assert flt(total.effective_labour_rate, 2) == flt(total.labour_sales / total.flat_hours_billed, 2)

	_columns, rows = parts_used_by_repair_orders.execute({"company": doc.company})
	mine = {r.item_code: r for r in rows if r.repair_order == doc.name}
	customer_part = mine[mixed_order.parts["c"]]
	assert customer_part.issued_qty == 2 and customer_part.cost == 40 and customer_part.margin == 30
	assert mine[mixed_order.parts["w"]].cost == 40 and mine[mixed_order.parts["w"]].margin is None


def test_workflow_roles_decide_moves_accountant_invoices_technician_starts(mixed_order):
	user, employee = rt.make_technician()
	doc = mixed_order.doc
	doc.labour[0].technician = employee
	doc.save()
	frappe.set_user(user)
	doc = act(doc.name, "Start Work")  # the desk's workflow button, on an order assigned to them
	assert doc.status == "In Progress"
	frappe.set_user("Administrator")
	api.issue_parts(doc.name)
	complete(doc.name, invoice=False)
	accountant = factories.make_user(roles=("Accounts User",))
	frappe.set_user(accountant)
	invoice = api.make_invoice(doc.name)
	frappe.set_user("Administrator")
	assert frappe.db.get_value("Sales Invoice", invoice, "docstatus") == 1
	assert frappe.db.get_value("Repair Order", doc.name, "status") == "Invoiced"


def test_appointment_opens_the_repair_order_and_marks_the_customer_arrived():
	from dms_app.service.doctype.service_appointment.test_service_appointment import book, configure_workshop

	configure_workshop()
	op = rt.make_labour_operation(hours=1, rate=100)
	appointment = book(hours=1, work=[{"labour_operation": op}, {"description": "Rattle from the dashboard"}])
	doc = api.make_repair_order(appointment.name)
	assert (doc.vehicle, doc.customer, doc.service_appointment) == (
		appointment.vehicle,
		appointment.customer,
		appointment.name,
	)
	assert [j.concern for j in doc.jobs] == [f"Operation {op}", "Rattle from the dashboard"]
	doc.insert()
	assert doc.labour[0].labour_operation == op and doc.labour[0].amount == 100
	appointment.reload()
	assert (appointment.status, appointment.repair_order) == ("Arrived", doc.name)
	with pytest.raises(frappe.ValidationError, match="already has repair order"):
		api.make_repair_order(appointment.name)
	frappe.set_user(factories.make_user(roles=("Sales Consultant",)))
	with pytest.raises(frappe.PermissionError):
		api.make_repair_order(appointment.name)
