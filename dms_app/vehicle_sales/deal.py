"""A Vehicle Deal's path through ERPNext's selling documents.

The deal is the salesperson's worksheet; money moves only on ERPNext's Quotation → Sales Order →
Sales Invoice / Delivery Note, which carry a `vehicle_deal` link and, on the vehicle row, the `vin`
that the vehicles area reserves and locks. Taxes are always ERPNext's own computation.
"""

import frappe
from erpnext.controllers.accounts_controller import get_default_taxes_and_charges, get_taxes_and_charges
from frappe import _
from frappe.model.mapper import get_mapped_doc
from frappe.utils import add_days, cint, flt, nowdate

LINKS = {
	"Quotation": "quotation",
	"Sales Order": "sales_order",
	"Sales Invoice": "sales_invoice",
	"Delivery Note": "delivery_note",
}


TAX_TEMPLATE = "Sales Taxes and Charges Template"


def vehicle_defaults(deal_type: str, vin: str | None = None, trim: str | None = None) -> dict:
	"""What a deal takes from the vehicle sold: its trim, model, Item, colour and list price.

	A stock vehicle gives its own values (its trim's list price when it has none); a factory order
	takes the trim's. Used by the deal's validation and by the form when the VIN or trim is chosen.
	"""
	if deal_type == "Stock Vehicle":
		if not vin:
			return {}
		vehicle = frappe.db.get_value(
			"Motor Vehicle", vin, ["item", "trim", "model", "colour", "list_price"], as_dict=True
		)
		if not vehicle:
			return {}
		trim = vehicle.trim or trim
		trim_values = trim and frappe.db.get_value("Vehicle Trim", trim, ["item", "list_price"], as_dict=True)
		return {
			"trim": trim,
			"model": vehicle.model,
			"vehicle_item": vehicle.item or (trim_values and trim_values.item),
			"colour": vehicle.colour,
			"list_price": flt(vehicle.list_price) or flt(trim_values and trim_values.list_price),
		}
	if not trim:
		return {}
	values = frappe.db.get_value("Vehicle Trim", trim, ["item", "model", "list_price"], as_dict=True)
	if not values:
		return {}
	return {
		"trim": trim,
		"model": values.model,
		"vehicle_item": values.item,
		"list_price": flt(values.list_price),
	}


def default_tax_template(company: str | None) -> str | None:
	"""The company's default Sales Taxes and Charges Template, found the way ERPNext's documents find it."""
	return (get_default_taxes_and_charges(TAX_TEMPLATE, company=company) or {}).get("taxes_and_charges")


def vehicle_row(deal) -> dict:
	item = frappe.get_cached_value("Item", deal.vehicle_item, ["stock_uom", "item_name"], as_dict=True)
	warehouse = deal.vin and frappe.db.get_value("Motor Vehicle", deal.vin, "warehouse")
	return {
		"item_code": deal.vehicle_item,
		"item_name": item.item_name,
		"vin": deal.vin,
		"qty": 1,
		"uom": item.stock_uom,
		"stock_uom": item.stock_uom,
		"conversion_factor": 1,
		"price_list_rate": flt(deal.vehicle_price),
		"discount_amount": flt(deal.discount_amount),
		"discount_percentage": flt(deal.discount_percent),
		"rate": flt(deal.vehicle_price) - flt(deal.discount_amount),
		"warehouse": warehouse or frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse"),
	}


def line_row(line) -> dict:
	uom = frappe.get_cached_value("Item", line.item_code, "stock_uom")
	return {
		"item_code": line.item_code,
		"item_name": line.item_name,
		"qty": flt(line.qty) or 1,
		"uom": uom,
		"stock_uom": uom,
		"conversion_factor": 1,
		"price_list_rate": flt(line.rate),
		"rate": flt(line.rate),
	}


def preview_taxes(deal) -> float:
	"""Taxes ERPNext would compute on the deal's Quotation (an unsaved one, computed in memory)."""
	if not deal.taxes_and_charges or not deal.vehicle_item:
		return 0.0
	currency = frappe.get_cached_value("Company", deal.company, "default_currency")
	quotation = frappe.new_doc("Quotation")
	quotation.update(
		{
			"company": deal.company,
			"currency": currency,
			"price_list_currency": currency,
			"conversion_rate": 1,
			"plc_conversion_rate": 1,
			"taxes_and_charges": deal.taxes_and_charges,
			"taxes": get_taxes_and_charges(TAX_TEMPLATE, deal.taxes_and_charges),
		}
	)
	for row in [vehicle_row(deal), *(line_row(line) for line in deal.items)]:
		quotation.append("items", row)
	quotation.calculate_taxes_and_totals()
	return flt(quotation.total_taxes_and_charges)


def get_deal(name: str, ptype: str = "write"):
	deal = frappe.get_doc("Vehicle Deal", name)
	deal.check_permission(ptype)
	return deal


def ensure_customer(deal):
	"""The Quotation is to a Customer: make one from the lead if the deal has none yet."""
	if deal.customer:
		return
	if not deal.lead:
		frappe.throw(_("Enter the customer or the lead of deal {0}").format(deal.name))
	from erpnext.selling.doctype.quotation.quotation import create_customer_from_lead

	existing = frappe.db.get_value("Customer", {"lead_name": deal.lead})
	# a Sales Consultant may not create Customers; converting the deal's own lead is part of quoting it
	deal.customer = existing or create_customer_from_lead(deal.lead, ignore_permissions=True).name
	deal.save()


def make_quotation(deal_name: str):
	"""An ERPNext Quotation for the deal (draft), mapped with get_mapped_doc."""
	deal = get_deal(deal_name)
	if deal.status == "Lost":
		frappe.throw(_("Deal {0} is lost").format(deal.name))
	if not deal.is_discount_approved():
		frappe.throw(
			_(
				"The discount of {0} on deal {1} is over the limit and needs a Sales Manager's approval"
			).format(deal.discount_amount, deal.name),
			title=_("Discount needs approval"),
		)
	existing = frappe.db.get_value("Quotation", {"vehicle_deal": deal.name, "docstatus": ("<", 2)})
	if existing:
		frappe.throw(_("Deal {0} already has Quotation {1}").format(deal.name, existing))
	ensure_customer(deal)

	def postprocess(source, target):
		target.items = []
		target.append("items", vehicle_row(source))
		for line in source.items:
			target.append("items", line_row(line))
		target.taxes = []
		# a deal made before taxes were defaulted still gets the company's default template
		target.taxes_and_charges = source.taxes_and_charges or default_tax_template(source.company)
		if target.taxes_and_charges:
			for tax in get_taxes_and_charges(TAX_TEMPLATE, target.taxes_and_charges):
				target.append("taxes", tax)
		target.run_method("set_missing_values")
		target.run_method("calculate_taxes_and_totals")

	quotation = get_mapped_doc(
		"Vehicle Deal",
		deal.name,
		{
			"Vehicle Deal": {
				"doctype": "Quotation",
				"field_map": {"name": "vehicle_deal", "customer": "party_name", "opportunity": "opportunity"},
				"field_no_map": [
					"items",
					"status",
					"naming_series",
					"discount_amount",
					"net_total",
					"grand_total",
				],
			}
		},
		postprocess=postprocess,
	)
	quotation.update(
		{
			"quotation_to": "Customer",
			"order_type": "Sales",
			"ignore_pricing_rule": 1,
			"valid_till": add_days(nowdate(), 14),
		}
	)
	quotation.insert()
	return quotation


def make_sales_order(deal_name: str):
	"""The Sales Order from the deal's submitted Quotation (ERPNext's own mapping, VIN kept on the row)."""
	from erpnext.selling.doctype.quotation.quotation import make_sales_order as quotation_to_order

	deal = get_deal(deal_name)
	quotation = frappe.db.get_value(
		"Quotation", {"vehicle_deal": deal.name, "docstatus": 1}, ["name", "status"], as_dict=True
	)
	if not quotation:
		frappe.throw(_("Submit the Quotation of deal {0} first").format(deal.name))
	existing = frappe.db.get_value("Sales Order", {"vehicle_deal": deal.name, "docstatus": ("<", 2)})
	if existing:
		frappe.throw(_("Deal {0} already has Sales Order {1}").format(deal.name, existing))
	order = quotation_to_order(quotation.name)
	delivery = add_days(nowdate(), 7)
	order.vehicle_deal = deal.name
	order.delivery_date = delivery
	for row in order.items:
		row.delivery_date = row.delivery_date or delivery
	order.insert()
	return order


def check_selling_discount(doc, method=None):
	"""Quotation / Sales Order of a deal: no unapproved discount, and no more than the deal's."""
	if not doc.get("vehicle_deal"):
		return
	deal = frappe.get_doc("Vehicle Deal", doc.vehicle_deal)
	if not deal.is_discount_approved():
		frappe.throw(
			_("Deal {0}: the discount of {1} needs a Sales Manager's approval").format(
				deal.name, deal.discount_amount
			),
			title=_("Discount needs approval"),
		)
	floor = flt(deal.vehicle_price) - flt(deal.discount_amount)
	for row in doc.items:
		if row.item_code == deal.vehicle_item and flt(row.rate) < floor - 0.005:
			frappe.throw(
				_("Row {0}: the vehicle rate {1} is below the deal's approved price {2}").format(
					row.idx, row.rate, floor
				),
				title=_("Discount needs approval"),
			)


def sync_deal(doc, method=None):
	"""Copy a submitted / cancelled selling document onto its deal and refresh the deal's status."""
	if not doc.get("vehicle_deal") or cint(doc.get("is_return")):
		return
	field = LINKS[doc.doctype]
	current = frappe.db.get_value("Vehicle Deal", doc.vehicle_deal, field)
	if method == "on_submit":
		value = doc.name
	elif current == doc.name:
		value = None
	else:
		return
	deal = frappe.get_doc("Vehicle Deal", doc.vehicle_deal)
	deal.set(field, value)
	frappe.db.set_value("Vehicle Deal", deal.name, {field: value, "status": deal_status(deal)})


def deal_status(deal) -> str:
	if deal.status == "Lost":
		return "Lost"
	invoice_delivers = deal.sales_invoice and frappe.db.get_value(
		"Sales Invoice", deal.sales_invoice, "update_stock"
	)
	if deal.delivery_note or invoice_delivers:
		return "Delivered"
	for field, status in (("sales_invoice", "Invoiced"), ("sales_order", "Ordered"), ("quotation", "Quoted")):
		if deal.get(field):
			return status
	return "Open"


def mark_lost(deal_name: str, reason: str):
	deal = get_deal(deal_name)
	if deal.sales_order:
		frappe.throw(_("Deal {0} has Sales Order {1}: cancel it first").format(deal.name, deal.sales_order))
	deal.status = "Lost"
	deal.lost_reason = reason
	deal.save()
	return deal


def make_deposit(deal_name: str):
	"""A draft Payment Entry for the deposit, as an advance against the deal's Sales Order."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	deal = get_deal(deal_name)
	if deal.status in ("Invoiced", "Delivered", "Lost"):
		frappe.throw(
			_("Deal {0} is {1}: a deposit is taken before invoicing").format(deal.name, _(deal.status))
		)
	if not deal.sales_order or not flt(deal.deposit):
		frappe.throw(_("Deal {0} needs a submitted Sales Order and a deposit amount").format(deal.name))
	return get_payment_entry("Sales Order", deal.sales_order, party_amount=flt(deal.deposit))
