"""The vehicle counts that reports and cards share (docs/kpis.md), each defined once.

- Units in stock on a date: vehicles received by then (stock-in date) and neither sold nor handed
  over by then (no Sales Invoice or Delivery Note of theirs posted by then); on today's date, the
  vehicles whose status is in `lifecycle.IN_STOCK`.
- Units sold (retailed) in a period: vehicle rows of submitted Sales Invoices posted in it, each
  the vehicle's own Item (so a warranty invoice to the OEM that names the VIN is no sale), less
  those credited by a return.
- Vehicle stock value on a date: the stock ledger value of the vehicles' Items by then, what the
  company's books carry as vehicle stock (a vehicle invoiced but not yet delivered is still in it).
"""

from collections import Counter, defaultdict

import frappe
from frappe.utils import flt, getdate


def vehicle_sales(company: str, from_date, to_date) -> list[frappe._dict]:
	"""One row per vehicle retailed in the period: invoice, date, customer and group, VIN, model,
	make, stock type, net revenue, delivery and landed cost."""
	return frappe.db.sql(
		"""select si.name as invoice, si.posting_date, si.customer, si.customer_group, sii.vin,
			sii.base_net_amount as revenue, mv.model, mv.make, mv.delivery_note, mv.landed_cost,
			mv.stock_type
		from `tabSales Invoice Item` sii
		join `tabSales Invoice` si on si.name = sii.parent
		join `tabMotor Vehicle` mv on mv.name = sii.vin and mv.item = sii.item_code
		where si.docstatus = 1 and si.is_return = 0 and si.company = %(company)s
			and si.posting_date between %(from_date)s and %(to_date)s
			and not exists (
				select 1 from `tabSales Invoice Item` ri join `tabSales Invoice` r on r.name = ri.parent
				where r.return_against = si.name and r.docstatus = 1 and ri.vin = sii.vin)
		order by si.posting_date, si.name, sii.idx""",
		{"company": company, "from_date": getdate(from_date), "to_date": getdate(to_date)},
		as_dict=True,
	)


def units_sold(
	company: str, from_date, to_date, make: str | None = None, stock_type: str | None = None
) -> Counter:
	"""Vehicles retailed in the period, by model."""
	return Counter(
		row.model
		for row in vehicle_sales(company, from_date, to_date)
		if (not make or row.make == make) and (not stock_type or row.stock_type == stock_type)
	)


def units_in_stock(company: str, as_of, make: str | None = None, stock_type: str | None = None) -> Counter:
	"""Vehicles in stock and unsold on `as_of`, by model."""
	conditions = {"company": company, "as_of": getdate(as_of), "make": make, "stock_type": stock_type}
	return Counter(
		dict(
			frappe.db.sql(
				"""select mv.model, count(*) from `tabMotor Vehicle` mv
				where mv.company = %(company)s and mv.stock_in_date <= %(as_of)s
					and mv.status not in ('Ordered', 'In Transit', 'In Service', 'Scrapped')
					and (%(make)s is null or mv.make = %(make)s)
					and (%(stock_type)s is null or mv.stock_type = %(stock_type)s)
					and not exists (
						select 1 from `tabSales Invoice` si
						where si.name = mv.sales_invoice and si.docstatus = 1 and si.posting_date <= %(as_of)s)
					and not exists (
						select 1 from `tabDelivery Note` dn
						where dn.name = mv.delivery_note and dn.docstatus = 1 and dn.posting_date <= %(as_of)s)
				group by mv.model""",
				conditions,
			)
		)
	)


def item_models() -> dict[str, str]:
	"""Vehicle Item → Vehicle Model: the Items the vehicles are stocked and sold as (each trim's
	Item, a used vehicle's own)."""
	return dict(
		frappe.db.sql(
			"select item, max(model) from `tabMotor Vehicle` where item is not null and model is not null group by item"
		)
	)


def stock_value(company: str, as_of) -> dict[str, float]:
	"""Vehicles at cost on `as_of`, by model: the stock ledger value of the vehicle Items in the
	company's warehouses (new and used), as ERPNext's Stock Balance shows it and the stock account
	carries it. A vehicle invoiced but not yet delivered is still in it, at cost, until its Delivery
	Note takes it out; so it is not the landed cost of the units in stock."""
	models = item_models()
	values = defaultdict(float)
	if not models:
		return values
	for item, value in frappe.db.sql(
		"""select item_code, sum(stock_value_difference) from `tabStock Ledger Entry`
		where is_cancelled = 0 and company = %(company)s and posting_date <= %(as_of)s
			and item_code in %(items)s
		group by item_code""",
		{"company": company, "as_of": getdate(as_of), "items": list(models)},
	):
		values[models[item]] += flt(value)
	return values
