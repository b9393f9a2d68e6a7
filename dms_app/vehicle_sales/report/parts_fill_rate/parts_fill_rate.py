"""Parts fill rate (first-time fill) = lines supplied from stock ÷ lines demanded.

Source: every line of a part (item in the parts item group of DMS Settings) demanded in the period
on a submitted Sales Order (counter orders), as an approved part line of a repair order opened in
the period (workshop), or on a stock-updating Sales Invoice not made from an order (a direct
counter sale, which by nature was filled from stock). An order or repair order line counts as
filled from stock when the stock ledger shows at least its quantity on hand in its warehouse when
it was demanded (the qty after the last stock movement up to that moment).
Left out: items outside the parts item group, voided and cancelled repair orders and return invoices."""

from collections import defaultdict

import frappe
from erpnext.stock.stock_ledger import get_previous_sle
from frappe.utils import flt, get_datetime

from dms_app import kpi
from dms_app.controllers import reports


def on_hand(item_code: str, warehouse: str, moment) -> float:
	moment = get_datetime(moment)
	previous = get_previous_sle(
		{
			"item_code": item_code,
			"warehouse": warehouse,
			"posting_date": moment.date(),
			"posting_time": moment.time(),
		}
	)
	return flt(previous.get("qty_after_transaction")) if previous else 0.0


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	group = frappe.db.get_single_value("DMS Settings", "parts_item_group")
	ordered = frappe.db.sql(
		"""select soi.item_code, soi.warehouse, soi.stock_qty, so.creation
		from `tabSales Order Item` soi join `tabSales Order` so on so.name = soi.parent
		where so.docstatus = 1 and so.company = %s and so.transaction_date between %s and %s
		and soi.item_group = %s""",
		(company, from_date, to_date, group),
		as_dict=True,
	)
	workshop = frappe.db.sql(
		"""select rop.item_code, rop.warehouse, rop.qty as stock_qty,
			coalesce(rop.approved_on, rop.creation) as creation
		from `tabRepair Order Part` rop
		join `tabRepair Order` ro on ro.name = rop.parent and rop.parenttype = 'Repair Order'
		join `tabItem` item on item.name = rop.item_code
		where ro.company = %s and ro.status not in ('Voided', 'Cancelled') and rop.approval_status = 'Approved'
		and date(coalesce(ro.opened_on, ro.creation)) between %s and %s and item.item_group = %s""",
		(company, from_date, to_date, group),
		as_dict=True,
	)
	counter = frappe.db.sql(
		"""select sii.item_code, count(*) from `tabSales Invoice Item` sii
		join `tabSales Invoice` si on si.name = sii.parent
		where si.docstatus = 1 and si.is_return = 0 and si.update_stock = 1 and si.company = %s
		and si.posting_date between %s and %s and sii.item_group = %s and ifnull(sii.sales_order, '') = ''
		group by sii.item_code""",
		(company, from_date, to_date, group),
	)
	lines = defaultdict(lambda: [0, 0])  # item -> [demanded, filled]
	for row in (*ordered, *workshop):
		lines[row.item_code][0] += 1
		if on_hand(row.item_code, row.warehouse, row.creation) >= flt(row.stock_qty):
			lines[row.item_code][1] += 1
	for item_code, count in counter:
		lines[item_code][0] += count
		lines[item_code][1] += count
	data = [
		{"item_code": item, "demanded": d, "filled": f, "fill_rate": kpi.fill_rate(f, d)}
		for item, (d, f) in sorted(lines.items())
	]
	demanded, filled = sum(d["demanded"] for d in data), sum(d["filled"] for d in data)
	summary = [
		{"label": frappe._("Lines demanded"), "value": demanded, "datatype": "Int"},
		{"label": frappe._("Filled from stock"), "value": filled, "datatype": "Int"},
		{
			"label": frappe._("Parts fill rate %"),
			"value": kpi.fill_rate(filled, demanded),
			"datatype": "Percent",
		},
	]
	return columns(), data, None, None, summary


def columns():
	return [
		reports.column("Part", "item_code", "Link", "Item", 200),
		reports.column("Lines Demanded", "demanded", "Int", width=120),
		reports.column("Filled From Stock", "filled", "Int", width=120),
		reports.column("Fill Rate %", "fill_rate", "Percent", width=100),
	]
