"""The demo month's remaining business, so the Dealer Financial Statement of the month the demo is
loaded in has figures in every department the demo sells in (docs/accounting.md).

The other steps post the rest of the month, on the day of the load, through the app's own flows: new
vehicles sold and delivered (vehicles), the delivered deal with F&I, a fee and a trade-in (sales),
customer-pay, warranty and internal repair orders completed and invoiced (service), OEM claims
invoiced and credited (warranty). Here: the trade-in sold on as a used car, and parts counter sales
(plain ERPNext Sales Invoices that update stock, as a parts counter makes them). Run once: nothing
happens when the counter customer has an invoice.
"""

import frappe

from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.demo.service import PARTS, ensure_parts
from dms_app.demo.vehicles import sell

COUNTER_CUSTOMER = ("Parts Counter Walk-in", "配件门市散客")
COUNTER_SALES = (
	# (part index in service.PARTS, qty) per invoice
	((1, 2), (0, 1)),
	((2, 1), (3, 2)),
	((3, 1),),
)


def create(rng, customers: list[str]) -> dict:
	company = frappe.db.get_single_value("DMS Settings", "company")
	walk_in = zh.pick(*COUNTER_CUSTOMER)
	if frappe.db.exists("Sales Invoice", {"customer": walk_in, "docstatus": 1}):
		return {"parts counter sales": frappe.db.count("Sales Invoice", {"customer": walk_in})}
	sell_trade_in(company, customers[rng.randrange(len(customers) // 2, len(customers) - 3)])
	ensure(
		"Customer",
		walk_in,
		{
			"customer_name": walk_in,
			"customer_type": "Individual",
			"customer_group": "Individual",
			"territory": "All Territories",
		},
	)
	counter_sales(company, walk_in)
	return {"parts counter sales": frappe.db.count("Sales Invoice", {"customer": walk_in})}


def sell_trade_in(company: str, buyer: str):
	"""The used car taken in trade (sales step) sold and delivered at its appraisal plus a margin."""
	used = frappe.get_all(
		"Motor Vehicle",
		filters={"stock_type": "Used", "status": "In Stock", "company": company},
		fields=["name", "landed_cost"],
		order_by="name",
		limit=1,
	)
	if used:
		sell(used[0].name, buyer, round(used[0].landed_cost * 1.35, -2) or 9900, "Delivered")


def counter_sales(company: str, customer: str):
	codes = ensure_parts()
	store = frappe.db.get_single_value("DMS Settings", "parts_warehouse")
	tax = frappe.db.get_value("Sales Taxes and Charges Template", {"company": company, "is_default": 1})
	for lines in COUNTER_SALES:
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": customer,
				"company": company,
				"update_stock": 1,
				"taxes_and_charges": tax,
				"items": [
					{"item_code": codes[index], "qty": qty, "rate": PARTS[index][3], "warehouse": store}
					for index, qty in lines
				],
			}
		)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
