"""Trade-ins and finance settled on the deal's Sales Invoice.

Accounting (all through ERPNext documents, so GL and stock ledger stay the truth):

- The trade-in enters used stock with a **Stock Entry (Material Receipt)** into the used-vehicle
  warehouse at the appraised value, its difference account being the *Trade-in Clearing* account:
  Dr Stock in Hand / Cr Trade-in Clearing. The vehicles area's receipt events make it a Used
  Motor Vehicle in stock with that cost.
- The allowance pays part of the invoice: a **Journal Entry** Dr Trade-in Clearing / Cr Debtors
  (the customer, against the Sales Invoice), which clears the clearing account back to zero and
  reduces the invoice's outstanding amount.
- Finance: a Journal Entry moves the amount financed from the customer's receivable (against the
  invoice) to the lender's (a Customer), the dealer's "contract in transit" until the lender pays.

Cancelling the invoice cancels these documents first; a used vehicle already resold blocks it.
They are consequences of the invoice, made as whoever submits it (an Accounts User who may have no
right to Items, Motor Vehicles or Stock Entries): hence ignore_permissions on them.
"""

import frappe
from erpnext.accounts.party import get_party_account
from frappe import _
from frappe.utils import cint, flt

from dms_app.dealer_accounting import accounts as department_accounts
from dms_app.dealer_accounting.departments import USED_VEHICLES
from dms_app.vehicles.lifecycle import ON_THE_GROUND


def check_not_in_stock(vin: str):
	"""A trade-in is a vehicle from outside: one already in the dealer's stock is an error."""
	vehicle = frappe.db.get_value("Motor Vehicle", vin, ["status", "warehouse", "stock_type"], as_dict=True)
	serial_warehouse = frappe.db.get_value("Serial No", vin, "warehouse")
	if serial_warehouse or (vehicle and (vehicle.status in ON_THE_GROUND or vehicle.warehouse)):
		frappe.throw(
			_("VIN {0} is already in the dealer's stock ({1}): it cannot be taken in trade").format(
				vin, serial_warehouse or vehicle.warehouse or _(vehicle.status)
			),
			title=_("Trade-in already in stock"),
		)
	if vehicle and frappe.db.get_value("Motor Vehicle", vin, "delivery_note"):
		frappe.throw(
			_(
				"VIN {0} was sold and delivered by this dealer; taking back a vehicle sold here is not supported yet"
			).format(vin),
			title=_("Trade-in not supported"),
		)


def clearing_account(company: str) -> str:
	account = frappe.db.get_single_value("DMS Settings", "trade_in_clearing_account")
	if not account or frappe.get_cached_value("Account", account, "company") != company:
		frappe.throw(
			_("Set a Trade-in Clearing Account of company {0} in DMS Settings").format(company),
			title=_("Missing setting"),
		)
	return account


def used_item(appraisal) -> str:
	"""The serialised used-vehicle Item the trade-in is stocked as (one per model, made on first use)."""
	existing = frappe.db.get_value("Serial No", appraisal.vin, "item_code")
	if existing:
		return existing
	label = appraisal.model or appraisal.make or "Vehicle"
	code = f"USED {label}".upper()
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": f"Used {label}",
				"item_group": frappe.db.get_single_value("DMS Settings", "used_vehicle_item_group")
				or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"has_serial_no": 1,
				"is_vehicle": 1,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)
	return code


def prepare_vehicle(appraisal, item_code: str) -> str:
	"""The Motor Vehicle as used stock to be (status follows the receipt)."""
	values = {
		"stock_type": "Used",
		"odometer": appraisal.odometer,
		"odometer_unit": appraisal.odometer_unit,
		"registration_plate": appraisal.registration_plate,
		"customer": None,
	}
	if frappe.db.exists("Motor Vehicle", appraisal.vin):
		vehicle = frappe.get_doc("Motor Vehicle", appraisal.vin)
		vehicle.update(values)
		vehicle.item = vehicle.item or item_code
	else:
		vehicle = frappe.get_doc(
			{
				"doctype": "Motor Vehicle",
				"vin": appraisal.vin,
				"item": item_code,
				"make": appraisal.make,
				"model": appraisal.model,
				"model_year": appraisal.model_year,
				"colour": appraisal.colour,
				**values,
			}
		)
	vehicle.flags.ignore_permissions = True
	vehicle.save()
	return vehicle.name


def receive_trade_in(appraisal_name: str, invoice) -> None:
	appraisal = frappe.get_doc("Trade-in Appraisal", appraisal_name)
	if appraisal.stock_entry:
		return
	check_not_in_stock(appraisal.vin)
	account = clearing_account(invoice.company)
	warehouse = frappe.db.get_single_value("DMS Settings", "used_vehicle_warehouse")
	if not warehouse:
		frappe.throw(_("Set the Used Vehicle Warehouse in DMS Settings"), title=_("Missing setting"))
	item_code = used_item(appraisal)
	vehicle = prepare_vehicle(appraisal, item_code)
	value = flt(appraisal.appraised_value)
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": "Material Receipt",
			"purpose": "Material Receipt",
			"company": invoice.company,
			"posting_date": invoice.posting_date,
			"posting_time": invoice.posting_time,
			"set_posting_time": 1,
			"remarks": _("Trade-in {0} on Sales Invoice {1}").format(appraisal.name, invoice.name),
			"items": [
				{
					"item_code": item_code,
					"qty": 1,
					"t_warehouse": warehouse,
					"basic_rate": value,
					"expense_account": account,
					"cost_center": department_accounts.cost_center(invoice.company, USED_VEHICLES.key),
					"serial_no": appraisal.vin,
					"use_serial_batch_fields": 1,
					"allow_zero_valuation_rate": 1 if not value else 0,
				}
			],
		}
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	journal = settle_invoice(
		invoice,
		value,
		{"account": account, "debit_in_account_currency": value},
		_("Trade-in allowance {0} ({1})").format(appraisal.vin, appraisal.name),
	)
	appraisal.db_set(
		{
			"status": "In Stock",
			"used_item": item_code,
			"motor_vehicle": vehicle,
			"stock_entry": entry.name,
			"journal_entry": journal,
			"vehicle_deal": invoice.vehicle_deal,
		}
	)


def settle_invoice(invoice, amount: float, debit_row: dict, remark: str) -> str | None:
	"""A Journal Entry crediting the customer against the invoice, debiting `debit_row`."""
	if not amount:
		return None
	journal = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Journal Entry",
			"company": invoice.company,
			"posting_date": invoice.posting_date,
			"user_remark": remark,
			"accounts": [
				{**debit_row, "cost_center": invoice.get("cost_center")},
				{
					"account": invoice.debit_to,
					"party_type": "Customer",
					"party": invoice.customer,
					"credit_in_account_currency": amount,
					"reference_type": "Sales Invoice",
					"reference_name": invoice.name,
				},
			],
		}
	)
	journal.flags.ignore_permissions = True
	journal.insert()
	journal.submit()
	return journal.name


def sells_the_deals_vehicle(invoice, vehicle_item: str | None) -> bool:
	"""Trade-in and finance settle on the deal's vehicle invoice, not on a separate accessory one."""
	return any(row.item_code == vehicle_item for row in invoice.items)


def settles(journal: str | None, invoice: str) -> bool:
	"""Whether `journal` was made against `invoice` (and is so to be undone with it)."""
	return bool(journal) and bool(
		frappe.db.exists(
			"Journal Entry Account",
			{"parent": journal, "reference_type": "Sales Invoice", "reference_name": invoice},
		)
	)


def on_submit_sales_invoice(doc, method=None):
	if not doc.get("vehicle_deal") or cint(doc.is_return):
		return
	deal = frappe.db.get_value(
		"Vehicle Deal",
		doc.vehicle_deal,
		[
			"name",
			"vehicle_item",
			"trade_in",
			"payment_method",
			"lender",
			"amount_financed",
			"finance_journal_entry",
		],
		as_dict=True,
	)
	if not sells_the_deals_vehicle(doc, deal.vehicle_item):
		return
	if deal.trade_in:
		receive_trade_in(deal.trade_in, doc)
	if deal.payment_method == "Finance" and flt(deal.amount_financed) and not deal.finance_journal_entry:
		lender_account = get_party_account("Customer", deal.lender, doc.company)
		journal = settle_invoice(
			doc,
			flt(deal.amount_financed),
			{
				"account": lender_account,
				"party_type": "Customer",
				"party": deal.lender,
				"debit_in_account_currency": flt(deal.amount_financed),
			},
			_("Amount financed by {0} on deal {1}").format(deal.lender, deal.name),
		)
		frappe.db.set_value("Vehicle Deal", deal.name, "finance_journal_entry", journal)


def before_cancel_sales_invoice(doc, method=None):
	"""Undo the trade-in and finance settled on this invoice before the invoice itself is cancelled
	(journals first: the trade-in's stock entry goes last, once nothing settles against it)."""
	if not doc.get("vehicle_deal") or cint(doc.is_return):
		return
	deal = frappe.db.get_value(
		"Vehicle Deal", doc.vehicle_deal, ["name", "trade_in", "finance_journal_entry"], as_dict=True
	)
	# unlink first: Frappe refuses to cancel a document another one still links to
	if settles(deal.finance_journal_entry, doc.name):
		frappe.db.set_value("Vehicle Deal", deal.name, "finance_journal_entry", None)
		cancel("Journal Entry", deal.finance_journal_entry)
	if not deal.trade_in:
		return
	appraisal = frappe.get_doc("Trade-in Appraisal", deal.trade_in)
	journal, entry = appraisal.journal_entry, appraisal.stock_entry
	if settles(journal, doc.name):
		appraisal.db_set({"status": "Accepted", "stock_entry": None, "journal_entry": None})
		cancel("Journal Entry", journal)
		if entry:
			cancel("Stock Entry", entry)


def cancel(doctype: str, name: str):
	doc = frappe.get_doc(doctype, name)
	if doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.cancel()
