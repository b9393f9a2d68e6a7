"""A System Manager edits the Repair Order workflow as an admin would: a state added in the middle,
states renamed, an action restricted to another role. Completing the order (a submit) still books
the warranty and internal parts consumed and the internal work exactly once, invoicing books the
customer's Sales Invoice exactly once (GL and stock ledger to the cent), the vehicle's service is
recorded, and cancelling reverses the completion exactly once. Plus what the code refuses whatever
the workflow says, amendment, the workflow check, an admin's edit kept by ensure_default_records and
the patch for existing sites."""

from collections import defaultdict

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import add_to_date, flt, getdate, now_datetime

from dms_app.api import repair_orders as api
from dms_app.controllers.lifecycle import workflow_problems
from dms_app.dealer_accounting.accounts import department_accounts
from dms_app.patches.v1 import repair_order_lifecycle
from dms_app.service import repair_orders
from dms_app.service.repair_order_lifecycle import LIFECYCLE
from dms_app.tests import factories
from dms_app.tests import repair_orders as rt
from dms_app.tests.workflows import add_state_between, edited_workflow, rename_state, restrict_action, save

# what the mixed order books (dms_app.tests.repair_orders.make_mixed_order): at cost, the internal
# part 15 and the warranty part 40 consumed, internal labour 1 h x 100 charged; invoiced to the
# customer, labour 1.5 h x 120, parts 2 x 35 (cost 2 x 20) and sublet 50
INTERNAL_PART, WARRANTY_PART, INTERNAL_LABOUR = 15, 40, 100
CUSTOMER_LABOUR_AND_SUBLET, CUSTOMER_PARTS, CUSTOMER_PARTS_COST = 180 + 50, 70, 40


def setting(field):
	return frappe.db.get_single_value("DMS Settings", field)


BOOKED = ("Stock Entry", "Journal Entry", "Sales Invoice")


def vouchers(*orders) -> dict[str, list[str]]:
	"""The entries booked for the orders, by doctype (submitted or not)."""
	filters = {"repair_order": ("in", orders)}
	return {doctype: frappe.get_all(doctype, filters, pluck="name") for doctype in BOOKED}


def submitted(*orders) -> dict[str, int]:
	"""How many of each entry completion and invoicing booked are live."""
	filters = {"repair_order": ("in", orders), "docstatus": 1}
	return {
		"consumption": frappe.db.count("Stock Entry", {**filters, "purpose": "Material Issue"}),
		"internal charges": frappe.db.count("Journal Entry", filters),
		"invoice": frappe.db.count("Sales Invoice", filters),
	}


def ledger(*orders) -> dict[str, float]:
	"""{account: debit - credit} of the live GL entries of everything booked for the orders."""
	names = [name for names in vouchers(*orders).values() for name in names] or [""]
	rows = frappe.db.sql(
		"""select account, sum(debit - credit) from `tabGL Entry`
		where is_cancelled = 0 and voucher_no in %s group by account""",
		(names,),
	)
	return {account: flt(amount, 2) for account, amount in rows if flt(amount, 2)}


def stock_ledger(*orders) -> list[tuple]:
	"""(entry, item, warehouse, qty, value) of the live stock ledger of everything booked for them."""
	names = [name for names in vouchers(*orders).values() for name in names] or [""]
	rows = frappe.db.sql(
		"""select coalesce(se.purpose, sle.voucher_type), sle.item_code, sle.warehouse,
			sum(sle.actual_qty), sum(sle.stock_value_difference)
		from `tabStock Ledger Entry` sle
		left join `tabStock Entry` se on se.name = sle.voucher_no and sle.voucher_type = 'Stock Entry'
		where sle.is_cancelled = 0 and sle.voucher_no in %s group by 1, 2, 3""",
		(names,),
	)
	return sorted((e, i, w, flt(q), flt(v, 2)) for e, i, w, q, v in rows if flt(q) or flt(v, 2))


def expected_ledger(doc, invoice=None) -> dict[str, float]:
	company = frappe.get_cached_doc("Company", doc.company)
	stock = frappe.db.get_value("Warehouse", setting("workshop_warehouse"), "account")
	stock = stock or company.default_inventory_account
	departments = department_accounts(doc.company)  # dms_app.dealer_accounting
	books = defaultdict(float)
	books[setting("internal_service_expense_account")] += INTERNAL_PART + INTERNAL_LABOUR
	books[departments["service_warranty"].cost_of_sales_account] += WARRANTY_PART
	books[departments["service_internal"].income_account] -= INTERNAL_LABOUR
	books[stock] -= INTERNAL_PART + WARRANTY_PART
	if invoice:
		books[departments["service_customer"].income_account] -= CUSTOMER_LABOUR_AND_SUBLET
		books[departments["parts"].income_account] -= CUSTOMER_PARTS
		books[departments["parts"].cost_of_sales_account] += CUSTOMER_PARTS_COST
		books[stock] -= CUSTOMER_PARTS_COST
		books[invoice.debit_to] += flt(invoice.rounded_total or invoice.grand_total)
		for tax in invoice.taxes:
			books[tax.account_head] -= flt(tax.base_tax_amount_after_discount_amount)
		if flt(invoice.rounding_adjustment):
			books[company.round_off_account] -= flt(invoice.rounding_adjustment)
	return {account: flt(amount, 2) for account, amount in books.items() if flt(amount, 2)}


def expected_stock(order, invoiced: bool, consumed: bool = True) -> list[tuple]:
	"""The parts issued from the store to the workshop, the warranty and internal ones consumed
	there, and the customer's sold from there."""
	store, workshop = setting("parts_warehouse"), setting("workshop_warehouse")
	rows = []
	for key, qty, cost in (("c", 2, 20), ("i", 1, 15), ("w", 1, 40)):
		item = order.parts[key]
		rows += [
			("Material Transfer", item, store, -qty, -qty * cost),
			("Material Transfer", item, workshop, qty, qty * cost),
		]
		if key != "c" and consumed:
			rows.append(("Material Issue", item, workshop, -qty, -qty * cost))
		if key == "c" and invoiced:
			rows.append(("Sales Invoice", item, workshop, -qty, -qty * cost))
	return sorted((e, i, w, flt(q), flt(v, 2)) for e, i, w, q, v in rows)


def gl_rows(*orders) -> dict[str, tuple[int, int]]:
	"""{entry: (its live GL rows, all its GL rows)} of everything booked for the orders."""
	return {
		name: (
			frappe.db.count("GL Entry", {"voucher_no": name, "is_cancelled": 0}),
			frappe.db.count("GL Entry", {"voucher_no": name}),
		)
		for names in vouchers(*orders).values()
		for name in names
	}


def assert_reversed_once(before: dict, after: dict, kept: set) -> None:
	"""Each cancelled entry's GL rows reversed once: none live, one reversing row for each (counted
	as a difference: a long-lived site may hold rows of deleted entries of the same name); the kept
	ones (parts transfers, which carry over to an amendment) untouched."""
	assert after == {
		name: (live, total) if name in kept else (0, total + live) for name, (live, total) in before.items()
	}


def transfers(name: str) -> set[str]:
	return set(
		frappe.get_all("Stock Entry", {"repair_order": name, "purpose": "Material Transfer"}, pluck="name")
	)


def started_order():
	order = rt.make_mixed_order()
	rt.act(order.doc.name, "Start Work")
	api.issue_parts(order.doc.name)
	return order


# ---------------------------------------------------------------- the admin's edits


def add_quality_check(workflow):
	add_state_between(workflow, "In Progress", "Completed", "Quality Check", action="Check")


def rename_completed_and_invoiced(workflow):
	rename_state(workflow, "Completed", "Ready for Pickup")
	rename_state(workflow, "Invoiced", "Billed")


def restrict_complete_to_service_manager(workflow):
	restrict_action(workflow, "Complete", "Service Manager")


EDITS = {
	# what the admin did: (the edit, the states an order then shows when Completed and when Invoiced)
	"state added in the middle": (add_quality_check, ("Completed", "Invoiced")),
	"states renamed": (rename_completed_and_invoiced, ("Ready for Pickup", "Billed")),
	"action restricted to another role": (restrict_complete_to_service_manager, ("Completed", "Invoiced")),
}


@pytest.mark.parametrize("edit, states", EDITS.values(), ids=EDITS.keys())
def test_an_admins_workflow_edit_keeps_each_booking_exactly_once(edit, states):
	completed_state, invoiced_state = states
	with edited_workflow("Repair Order") as workflow:
		edit(workflow)
		order = started_order()
		name = order.doc.name
		if edit is add_quality_check:
			# "Complete" now leads to the admin's label, then "Check" to Completed: at the label no
			# milestone moves and nothing is booked
			doc = rt.act(name, "Complete")
			assert (doc.workflow_state, doc.status, doc.docstatus) == ("Quality Check", "In Progress", 0)
			assert ledger(name) == {} and submitted(name) == dict.fromkeys(submitted(name), 0)
		if edit is restrict_complete_to_service_manager:
			frappe.set_user(factories.make_user(roles=("Service Advisor",)))
			with pytest.raises(frappe.PermissionError):
				repair_orders.complete(name)
			with pytest.raises(frappe.PermissionError, match="through its workflow actions"):
				frappe.get_doc("Repair Order", name).submit()  # REST's submit skips no workflow role
			frappe.set_user(factories.make_user(roles=("Service Manager",)))

		doc = repair_orders.move_to(name, "Completed")
		frappe.set_user("Administrator")
		assert (doc.docstatus, doc.status, doc.workflow_state) == (1, "Completed", completed_state)
		assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 0}
		assert ledger(name) == expected_ledger(doc)
		assert stock_ledger(name) == expected_stock(order, invoiced=False)
		vehicle = frappe.db.get_value(
			"Motor Vehicle", doc.vehicle, ["last_service_date", "last_service_odometer"], as_dict=True
		)
		assert (vehicle.last_service_date, vehicle.last_service_odometer) == (
			getdate(doc.completed_on),
			doc.odometer_out,
		)

		doc = repair_orders.move_to(name, "Invoiced")
		assert (doc.status, doc.workflow_state) == ("Invoiced", invoiced_state)
		doc.notes = "Customer collected the car"  # a later save books nothing more
		doc.save()
		invoice = frappe.get_doc("Sales Invoice", doc.sales_invoice)
		assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 1}
		assert ledger(name) == expected_ledger(doc, invoice)
		assert stock_ledger(name) == expected_stock(order, invoiced=True)

		# cancelling the invoice in ERPNext takes the order back to Completed; cancelling the order
		# then reverses what completion booked, once
		before = gl_rows(name)
		invoice.cancel()
		doc.reload()
		assert (doc.status, doc.workflow_state, doc.sales_invoice) == ("Completed", completed_state, None)
		doc = repair_orders.move_to(name, "Cancelled")
		assert (doc.docstatus, doc.status, doc.workflow_state) == (2, "Cancelled", "Cancelled")
		assert submitted(name) == {"consumption": 0, "internal charges": 0, "invoice": 0}
		assert ledger(name) == {}
		assert stock_ledger(name) == expected_stock(order, invoiced=False, consumed=False)
		assert_reversed_once(before, gl_rows(name), kept=transfers(name))


def test_a_technician_cannot_take_an_action_restricted_to_service_manager():
	order = rt.make_mixed_order()
	user, employee = rt.make_technician()
	order.doc.labour[0].technician = employee
	order.doc.save()
	with edited_workflow("Repair Order") as workflow:
		restrict_action(workflow, "Start Work", "Service Manager")  # technicians could start work
		frappe.set_user(user)
		with pytest.raises(WorkflowTransitionError):
			rt.act(order.doc.name, "Start Work")
		with pytest.raises(frappe.PermissionError):
			repair_orders.move_to(order.doc.name, "In Progress")
		frappe.set_user(factories.make_user(roles=("Service Manager",)))
		assert rt.act(order.doc.name, "Start Work").status == "In Progress"


def test_completing_twice_books_nothing_more():
	order = started_order()
	name = order.doc.name
	doc = repair_orders.complete(name, invoice=False)
	with pytest.raises(frappe.ValidationError, match="already Completed"):
		repair_orders.complete(name, invoice=False)
	with pytest.raises(WorkflowTransitionError):
		rt.act(name, "Complete")
	doc.reload()
	doc.submit()  # a second submit is an update of the submitted order
	assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 0}
	assert ledger(name) == expected_ledger(doc)


def workflow_comments(name: str) -> list[str]:
	return frappe.get_all(
		"Comment",
		{"reference_doctype": "Repair Order", "reference_name": name, "comment_type": "Workflow"},
		pluck="content",
		order_by="creation",
	)


def test_completing_and_invoicing_is_one_save_that_makes_both_moves():
	order = started_order()
	name = order.doc.name
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	# the move to Completed, asked to invoice too, reaches Invoiced in the same save
	doc = repair_orders.move_to(name, "Completed", invoice_on_completion=True)
	frappe.set_user("Administrator")
	assert (doc.docstatus, doc.status, doc.workflow_state) == (1, "Invoiced", "Invoiced")
	assert frappe.db.get_value("Repair Order", name, ["status", "workflow_state"]) == ("Invoiced", "Invoiced")
	invoice = frappe.get_doc("Sales Invoice", doc.sales_invoice)
	assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 1}
	assert ledger(name) == expected_ledger(doc, invoice)
	assert stock_ledger(name) == expected_stock(order, invoiced=True)
	assert workflow_comments(name)[-2:] == ["Completed", "Invoiced"]  # both moves on the timeline

	other = started_order().doc.name
	doc = repair_orders.complete(other)
	assert (doc.status, workflow_comments(other)[-2:]) == ("Invoiced", ["Completed", "Invoiced"])


def test_the_invoice_actions_roles_decide_whether_completing_also_invoices():
	order = started_order()
	name = order.doc.name
	with edited_workflow("Repair Order") as workflow:
		restrict_action(workflow, "Invoice", "Accounts User")
		frappe.set_user(factories.make_user(roles=("Service Advisor",)))
		with pytest.raises(frappe.PermissionError):
			repair_orders.complete(name)
		frappe.set_user("Administrator")
		# completed (its own move), not invoiced: the advisor may no longer invoice
		assert frappe.db.get_value("Repair Order", name, ["status", "workflow_state"]) == (
			"Completed",
			"Completed",
		)
		assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 0}
		frappe.set_user(factories.make_user(roles=("Accounts User",)))
		assert repair_orders.move_to(name, "Invoiced").status == "Invoiced"
		frappe.set_user("Administrator")
		assert submitted(name)["invoice"] == 1


def test_an_invoiced_order_is_not_cancelled_whatever_the_workflow_allows():
	order = started_order()
	name = order.doc.name
	doc = repair_orders.complete(name)
	books = ledger(name)
	with edited_workflow("Repair Order") as workflow:
		workflow.append(
			"transitions",
			{"state": "Invoiced", "action": "Cancel", "next_state": "Cancelled", "allowed": "System Manager"},
		)
		save(workflow)
		with pytest.raises(frappe.ValidationError, match=f"Cancel Sales Invoice {doc.sales_invoice}"):
			rt.act(name, "Cancel")
		assert frappe.db.get_value("Repair Order", name, ["docstatus", "status"]) == (1, "Invoiced")
		assert ledger(name) == books


def test_the_status_moves_through_workflow_actions_not_by_editing_it():
	order = rt.make_mixed_order()
	name = order.doc.name
	doc = rt.act(name, "Start Work")
	doc.status = "Waiting Parts"
	with pytest.raises(frappe.ValidationError, match="through its workflow actions"):
		doc.save()
	api.issue_parts(name)
	repair_orders.complete(name, invoice=False)
	doc = frappe.get_doc("Repair Order", name)
	doc.status = "Closed"
	with pytest.raises(frappe.ValidationError, match="through its workflow actions"):
		doc.save()
	with pytest.raises(frappe.ValidationError, match="through its workflow actions"):
		frappe.client.set_value("Repair Order", name, "status", "Invoiced")  # REST's PUT
	doc.reload()
	doc.workflow_state = "Closed"  # a state whose transition the condition refuses: customer-pay lines
	with pytest.raises(frappe.ValidationError, match="not allowed"):
		doc.save()
	assert frappe.db.get_value("Repair Order", name, "status") == "Completed"
	assert submitted(name) == {"consumption": 1, "internal charges": 1, "invoice": 0}


def test_an_amendment_carries_the_cancelled_orders_work_on():
	order = started_order()
	name, employee = order.doc.name, order.employee
	log = api.clock_on(name, order.doc.labour[0].name, employee)
	frappe.db.set_value("Technician Time Log", log, "start", add_to_date(now_datetime(), hours=-1))
	api.clock_off(employee)
	repair_orders.complete(name, invoice=False)
	with pytest.raises(frappe.ValidationError, match="cancel the repair order"):
		frappe.get_doc("Journal Entry", submitted_entry("Journal Entry", name)).cancel()
	rt.act(name, "Cancel")

	amended = rt.amend(name)
	amended.reload()
	assert (amended.docstatus, amended.status, amended.workflow_state) == (0, "In Progress", "In Progress")
	assert not (amended.completed_on or amended.consumption_stock_entry or amended.internal_journal_entry)
	# the parts issued and the clocking now belong to the amendment, row for row
	assert [row.issued_qty for row in amended.parts] == [2, 1, 1]
	assert (
		frappe.get_all("Repair Order Part", {"parent": name}, pluck="issued_qty", order_by="idx") == [0] * 3
	)
	assert frappe.db.get_value("Technician Time Log", log, ["repair_order", "labour_row"]) == (
		amended.name,
		amended.labour[0].name,
	)
	assert flt(amended.labour[0].actual_hours, 1) == 1.0
	assert [row.approval_status for row in amended.labour] == ["Approved"] * 3

	doc = repair_orders.complete(amended.name)
	invoice = frappe.get_doc("Sales Invoice", doc.sales_invoice)
	assert submitted(name) == {"consumption": 0, "internal charges": 0, "invoice": 0}
	assert submitted(amended.name) == {"consumption": 1, "internal charges": 1, "invoice": 1}
	assert ledger(name) == {} and ledger(amended.name) == expected_ledger(doc, invoice)
	assert stock_ledger(name, amended.name) == expected_stock(order, invoiced=True)
	workshop = setting("workshop_warehouse")
	for item in order.parts.values():
		assert not flt(frappe.db.get_value("Bin", {"item_code": item, "warehouse": workshop}, "actual_qty"))


def submitted_entry(doctype: str, order: str) -> str:
	return frappe.db.get_value(doctype, {"repair_order": order, "docstatus": 1})


def test_admin_workflow_edit_survives_ensure_defaults():
	from dms_app.setup.defaults import ensure_default_records

	# a custom field it may still have to add is DDL, which commits: let that happen before the edits
	ensure_default_records()
	frappe.db.rollback()
	workflow = frappe.get_doc("Workflow", {"document_type": "Repair Order"})
	workflow.transitions = [t for t in workflow.transitions if t.allowed != "Technician"]
	workflow.append(
		"transitions",
		{"state": "Open", "action": "Start Work", "next_state": "In Progress", "allowed": "Parts Manager"},
	)
	workflow.save()
	settings_doc = frappe.get_single("DMS Settings")
	settings_doc.service_labour_item = factories.make_item(is_stock_item=0)
	settings_doc.save()
	try:
		ensure_default_records()
		workflow.reload()
		assert not [t for t in workflow.transitions if t.allowed == "Technician"]
		assert [t for t in workflow.transitions if t.allowed == "Parts Manager" and t.action == "Start Work"]
		assert (
			frappe.db.get_single_value("DMS Settings", "service_labour_item")
			== settings_doc.service_labour_item
		)
	finally:  # cached documents outlive the rollback: drop them with it
		frappe.db.rollback()
		frappe.db.value_cache.pop("DMS Settings", None)
		frappe.clear_document_cache("DMS Settings", "DMS Settings")
		frappe.clear_document_cache("Workflow", workflow.name)


def test_a_workflow_with_no_path_to_completed_is_reported_on_the_form():
	doc = rt.make_mixed_order().doc
	assert not workflow_problems(LIFECYCLE)
	with edited_workflow("Repair Order") as workflow:
		workflow.transitions = [t for t in workflow.transitions if t.next_state != "Completed"]
		for idx, row in enumerate(workflow.transitions, 1):
			row.idx = idx
		save(workflow)
		problems = workflow_problems(LIFECYCLE)
		assert any("leads to Completed" in problem for problem in problems), problems
		doc = frappe.get_doc("Repair Order", doc.name)
		doc.run_method("onload")
		assert doc.get_onload().get("workflow_problems") == problems


def make_old_workflow(workflow):
	"""The workflow as sites had it before the lifecycle: its state kept in `status`, every state a
	draft, and a Reopen from Completed back to In Progress."""
	workflow.workflow_state_field = "status"
	workflow.states = [s for s in workflow.states if s.state != "Voided"]
	for state in workflow.states:
		state.doc_status, state.update_field, state.update_value = "0", None, None
	workflow.transitions = [t for t in workflow.transitions if t.next_state != "Voided"]
	workflow.append(
		"transitions",
		{"state": "Completed", "action": "Reopen", "next_state": "In Progress", "allowed": "Service Manager"},
	)
	save(workflow)


def test_the_patch_moves_old_orders_onto_the_lifecycle_without_touching_the_ledgers(capsys):
	"""An order completed and invoiced, and one cancelled before completion, as the old workflow
	left them (every state a draft, kept in `status`): submitted and Voided, nothing booked again."""
	invoiced = started_order()
	repair_orders.complete(invoiced.doc.name)
	voided = rt.make_mixed_order().doc
	orders = (invoiced.doc.name, voided.name)
	with edited_workflow("Repair Order") as workflow:
		make_old_workflow(workflow)
		for child in repair_order_lifecycle.CHILDREN:
			frappe.db.sql(f"update `tab{child}` set docstatus = 0 where parent in %s", (orders,))
		frappe.db.sql(
			"update `tabRepair Order` set docstatus = 0, workflow_state = null where name in %s", (orders,)
		)
		frappe.db.set_value("Repair Order", voided.name, "status", "Cancelled")
		books, stock = ledger(*orders), stock_ledger(*orders)
		entries = {
			doctype: frappe.db.count(doctype) for doctype in (*BOOKED, "GL Entry", "Stock Ledger Entry")
		}

		repair_order_lifecycle.execute()

		assert "Reopen" in capsys.readouterr().out  # what was replaced is printed
		assert frappe.db.get_value(
			"Repair Order", invoiced.doc.name, ["docstatus", "status", "workflow_state"]
		) == (
			1,
			"Invoiced",
			"Invoiced",
		)
		assert frappe.get_all("Repair Order Part", {"parent": invoiced.doc.name}, pluck="docstatus") == [
			1,
			1,
			1,
		]
		assert frappe.db.get_value(
			"Repair Order", voided.name, ["docstatus", "status", "workflow_state"]
		) == (
			0,
			"Voided",
			"Voided",
		)
		assert ledger(*orders) == books and stock_ledger(*orders) == stock
		assert {doctype: frappe.db.count(doctype) for doctype in entries} == entries
		shipped = frappe.get_doc("Workflow", {"document_type": "Repair Order"})
		assert shipped.workflow_state_field == "workflow_state"
		assert {(s.state, s.doc_status) for s in shipped.states} >= {("Completed", "1"), ("Voided", "0")}
		# the migrated order goes on as any other: closing it books nothing more
		frappe.clear_document_cache("Repair Order", invoiced.doc.name)
		rt.act(invoiced.doc.name, "Close")
		assert ledger(*orders) == books
