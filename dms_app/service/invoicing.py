"""The ERPNext documents a repair order books.

- Parts move Parts Store → Workshop by Material Transfer when issued (dms_app.service.parts).
- On completion, warranty and internal parts leave the workshop by one Material Issue whose rows
  carry the expense account of their pay type, and internal labour and sublet are booked by a
  Journal Entry (internal expense debit, labour income credit).
- Invoicing submits a Sales Invoice for the approved customer-pay lines only: labour as the Labour
  Operation's service Item (qty = flat-rate hours), parts with update_stock from the Workshop (the
  stock leaves once, here), sublet as the sublet service Item.
- Warranty labour and sublet stay on the repair order for the OEM warranty claim.
Both are effects of the order's lifecycle (dms_app/service/repair_order_lifecycle.py): each knows whether it is
done from the entries it made, so it is booked once, and cancelling the order reverses the
completion's entries once. Cancelling the invoice in ERPNext puts the order back to Completed.

These documents are booked with ignore_permissions: the Repair Order workflow's roles decide who may
complete or invoice an order (an advisor need not hold rights on Stock Entry or Journal Entry), and
the documents' contents come from the order, never from the caller."""

import frappe
from frappe import _
from frappe.utils import flt, nowdate

from dms_app.controllers import lifecycle
from dms_app.dealer_accounting import accounts as department_accounts
from dms_app.dealer_accounting.departments import PARTS_DEPARTMENT, PAY_TYPES
from dms_app.dealer_accounting.routing import line_values
from dms_app.service.repair_orders import (
	CLOSED,
	COMPLETED,
	INVOICED,
	customer_lines,
	submitted_invoices,
	workshop_warehouse,
)


def service_setting(field: str, label: str) -> str:
	value = frappe.db.get_single_value("DMS Settings", field)
	if not value:
		frappe.throw(_("Set {0} in DMS Settings (Repair Orders tab).").format(_(label)))
	return value


def cost_center(company: str, pay_type: str = "Customer") -> str:
	"""The cost center of the pay type's service department (dms_app.dealer_accounting)."""
	return department_accounts.cost_center(company, PAY_TYPES[pay_type])


def labour_item(row) -> str:
	item = row.labour_operation and frappe.get_cached_value("Labour Operation", row.labour_operation, "item")
	return item or service_setting("service_labour_item", "Labour Item")


def income_account(item_code: str, company: str) -> str:
	return frappe.db.get_value(
		"Item Default", {"parent": item_code, "company": company}, "income_account"
	) or frappe.get_cached_value("Company", company, "default_income_account")


# ---------------------------------------------------------------- completion


def book_completion(doc):
	"""Each entry completion books, unless it is booked already."""
	if consumed_rows(doc) and not booked(doc, "Stock Entry"):
		consume_parts(doc)
	if internal_lines(doc) and not booked(doc, "Journal Entry"):
		book_internal_charges(doc)


def completion_booked(doc) -> bool:
	return (not consumed_rows(doc) or bool(booked(doc, "Stock Entry"))) and (
		not internal_lines(doc) or bool(booked(doc, "Journal Entry"))
	)


def booked(doc, doctype: str) -> str | None:
	"""The submitted entry of this doctype that completion booked for the order."""
	filters = {"repair_order": doc.name, "docstatus": 1}
	if doctype == "Stock Entry":
		filters["purpose"] = "Material Issue"
	return frappe.db.get_value(doctype, filters)


def consumed_rows(doc) -> list:
	"""Approved warranty and internal parts: consumed from the workshop on completion."""
	return [
		row for row in doc.parts or [] if row.approval_status == "Approved" and row.pay_type != "Customer"
	]


def internal_lines(doc) -> list:
	return [
		row
		for table in ("labour", "sublets")
		for row in doc.get(table) or []
		if row.pay_type == "Internal" and flt(row.amount)
	]


def consume_parts(doc):
	rows = consumed_rows(doc)
	accounts = {
		"Internal": service_setting("internal_service_expense_account", "Internal Service Expense Account"),
		# the warranty department's cost of sales (the claim to the OEM is its sales)
		"Warranty": department_accounts.department(doc.company, PAY_TYPES["Warranty"]).cost_of_sales_account
		or service_setting("warranty_parts_expense_account", "Warranty Parts Expense Account"),
	}
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Issue",
			"purpose": "Material Issue",
			"company": doc.company,
			"repair_order": doc.name,
			"remarks": _("Warranty and internal parts used on repair order {0}").format(doc.name),
			"items": [
				{
					"item_code": row.item_code,
					"qty": row.qty,
					"s_warehouse": workshop_warehouse(),
					"expense_account": accounts[row.pay_type],
					"cost_center": cost_center(doc.company, row.pay_type),
					"repair_order_part": row.name,
				}
				for row in rows
			],
		}
	)
	entry.flags.from_repair_order = True
	entry.insert(ignore_permissions=True)
	entry.submit()
	doc.db_set("consumption_stock_entry", entry.name)


def book_internal_charges(doc):
	"""Internal labour and sublet: the dealer's own departments pay, at the line amounts; the sale is
	Service - Internal's (its income account, else the labour item's)."""
	labour = [row for row in doc.labour or [] if row.pay_type == "Internal" and flt(row.amount)]
	sublets = [row for row in doc.sublets or [] if row.pay_type == "Internal" and flt(row.amount)]
	if not labour and not sublets:
		return
	expense = service_setting("internal_service_expense_account", "Internal Service Expense Account")
	internal_income = department_accounts.department(doc.company, PAY_TYPES["Internal"]).income_account
	credits = {}
	for row in labour:
		account = internal_income or income_account(labour_item(row), doc.company)
		credits[account] = credits.get(account, 0) + flt(row.amount)
	for row in sublets:
		item = service_setting("sublet_item", "Sublet Item")
		account = internal_income or income_account(item, doc.company)
		credits[account] = credits.get(account, 0) + flt(row.amount)
	center = cost_center(doc.company, "Internal")
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": doc.company,
			"posting_date": nowdate(),
			"repair_order": doc.name,
			"user_remark": _("Internal work on repair order {0}").format(doc.name),
			"accounts": [
				{
					"account": expense,
					"debit_in_account_currency": sum(credits.values()),
					"cost_center": center,
				},
				*(
					{"account": account, "credit_in_account_currency": amount, "cost_center": center}
					for account, amount in credits.items()
				),
			],
		}
	)
	entry.flags.from_repair_order = True
	entry.insert(ignore_permissions=True)
	entry.submit()
	doc.db_set("internal_journal_entry", entry.name)


def reverse_completion(doc):
	"""Cancel the entries completion booked. The order forgets them (they still name it): an
	amendment copies the order's links, and Frappe refuses a link to a cancelled entry."""
	for doctype, field in (
		("Stock Entry", "consumption_stock_entry"),
		("Journal Entry", "internal_journal_entry"),
	):
		if name := booked(doc, doctype):
			entry = frappe.get_doc(doctype, name)
			entry.flags.from_repair_order = True
			entry.flags.ignore_permissions = True
			entry.cancel()
		if doc.get(field):
			doc.db_set(field, None)


# ---------------------------------------------------------------- invoice


def build_sales_invoice(doc):
	"""The unsaved Sales Invoice for the approved customer-pay lines, at the amounts the customer
	approved (pricing rules would reprice them on save), taxed as a desk invoice would be (a Tax
	Rule's template, else the company's default one)."""
	rows = customer_lines(doc)
	if not rows:
		frappe.throw(_("Repair order {0} has no customer-pay lines to invoice.").format(doc.name))
	service = line_values(doc.company, PAY_TYPES["Customer"])
	parts = line_values(doc.company, PARTS_DEPARTMENT.key)
	warehouse = None
	items = []
	for table, row in rows:
		rate = row.amount if table == "sublets" else row.rate
		# labour and sublet to Service - Customer Pay, parts to Parts (dms_app.dealer_accounting)
		department = {"cost_center": cost_center(doc.company), **(parts if table == "parts" else service)}
		item = {**department, "rate": rate, "price_list_rate": rate, "discount_percentage": 0}
		if table == "labour":
			item.update(
				item_code=labour_item(row),
				description=row.description or row.labour_operation or _("Labour"),
				qty=row.flat_hours,
			)
		elif table == "parts":
			warehouse = warehouse or workshop_warehouse()
			item.update(item_code=row.item_code, qty=row.qty, warehouse=warehouse)
		else:
			item.update(
				item_code=service_setting("sublet_item", "Sublet Item"),
				description=row.description,
				qty=1,
			)
		items.append(item)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": doc.customer,
			"company": doc.company,
			"posting_date": nowdate(),
			"set_posting_time": 1,
			"due_date": nowdate(),
			"update_stock": 1,
			"ignore_pricing_rule": 1,
			"repair_order": doc.name,
			"remarks": _("Repair order {0}, vehicle {1}").format(doc.name, doc.vehicle),
			"items": items,
		}
	)
	# customer details and a Tax Rule's template; the items' details (income accounts, UOMs) and the
	# totals come from the invoice's own validate, which fills what is missing and keeps these rates
	invoice.set_missing_lead_customer_details()
	if not invoice.taxes_and_charges and not invoice.taxes:
		invoice.taxes_and_charges = frappe.db.get_value(
			"Sales Taxes and Charges Template", {"is_default": 1, "disabled": 0, "company": doc.company}
		)
		invoice.append_taxes_from_master()
	return invoice


def invoice(doc):
	"""Submit the Sales Invoice when the order reaches Invoiced or Closed (the workflow's roles
	decide who may)."""
	sales_invoice = build_sales_invoice(doc)
	sales_invoice.flags.from_repair_order = True
	sales_invoice.insert(ignore_permissions=True)
	sales_invoice.submit()
	doc.db_set("sales_invoice", sales_invoice.name)


def invoiced_or_nothing_to_invoice(doc) -> bool:
	"""The order's submitted invoice: made by the order, or linked to it (history a site recorded
	before the lifecycle)."""
	linked = doc.sales_invoice and frappe.db.get_value("Sales Invoice", doc.sales_invoice, "docstatus") == 1
	return not customer_lines(doc) or bool(linked or submitted_invoices(doc.name))


def cancel_invoice(doc):
	"""When the order leaves Invoiced for Completed through its workflow ("Cancel Invoice")."""
	for name in submitted_invoices(doc.name):
		doc.db_set("sales_invoice", None)  # first: a submitted order linking it would block the cancel
		sales_invoice = frappe.get_doc("Sales Invoice", name)
		sales_invoice.flags.from_repair_order = True
		sales_invoice.flags.ignore_permissions = True
		sales_invoice.cancel()


def validate_sales_invoice(invoice, method=None):
	"""A repair order's invoice is made by the repair order, once (amending a cancelled one too)."""
	if not invoice.get("repair_order") or invoice.flags.from_repair_order or invoice.docstatus != 0:
		return
	if invoice.is_new() or invoice.amended_from:
		frappe.throw(
			_("Invoice repair order {0} from the repair order (Invoice action), not by hand.").format(
				invoice.repair_order
			)
		)


def on_cancel_sales_invoice(invoice, method=None):
	"""Cancelling the invoice puts the repair order back to Completed, ready to invoice again
	(a system move: the accountant cancelling may not edit repair orders)."""
	name = invoice.get("repair_order")
	if not name or not frappe.db.exists("Repair Order", name):
		return
	doc = frappe.get_doc("Repair Order", name)
	if doc.sales_invoice != invoice.name or doc.status not in (INVOICED, CLOSED):
		return
	if doc.status == CLOSED:
		frappe.throw(_("Repair order {0} is closed; its invoice cannot be cancelled.").format(name))
	lifecycle.reach(doc, COMPLETED, sales_invoice=None)


def before_cancel_booking(entry, method=None):
	"""Stock and journal entries of a completed repair order are reversed by cancelling the order."""
	name = entry.get("repair_order")
	if not name or entry.flags.from_repair_order:
		return
	status, docstatus = frappe.db.get_value("Repair Order", name, ["status", "docstatus"]) or (None, 0)
	if docstatus == 1:
		frappe.throw(
			_("{0} {1} belongs to {2} repair order {3}: cancel the repair order instead.").format(
				_(entry.doctype), entry.name, _(status), name
			)
		)


def complete_many(names: list[str], user: str | None = None, commit: bool = False) -> dict:
	"""Complete and invoice each repair order. The background job (the list's Complete and Invoice)
	passes commit=True: each order then gets its own transaction, so one that fails (parts not
	issued, customer decision pending) leaves the others done, and the user is told the outcome.
	Without it (tests, benchmark) nothing commits and the first failure raises."""
	from dms_app.service.repair_orders import complete

	if user:
		frappe.set_user(user)
	done, failed = [], {}
	for name in names:
		try:
			complete(name)
			done.append(name)
			if commit:
				frappe.db.commit()  # nosemgrep: one repair order per transaction
		except Exception as error:
			if not commit:
				raise
			frappe.db.rollback()
			failed[name] = str(error)
			frappe.clear_messages()
	if commit:
		tell_outcome(len(done), failed)
	return {"done": len(done), "failed": failed}


def tell_outcome(done: int, failed: dict) -> None:
	lines = [_("{0} repair orders completed and invoiced.").format(done)]
	lines += [f"{name}: {error}" for name, error in failed.items()]
	frappe.publish_realtime(
		"msgprint",
		{"message": "<br>".join(lines), "title": _("Complete and Invoice")},
		user=frappe.session.user,
	)
