"""Parts issued to repair orders opened in a period: qty issued, sale value and cost at valuation
(the workshop's Stock Ledger Entries of the issue and return transfers), by pay type.
Left out: part lines not issued; the margin is shown for customer pay only."""

import frappe
from frappe.utils import flt

from dms_app.controllers import reports


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.company, from_date, to_date = reports.period(filters, days=30)
	values = {"from": from_date, "to": to_date, **filters}
	extra = ""
	for field, column in (
		("company", "ro.company"),
		("item_code", "p.item_code"),
		("pay_type", "p.pay_type"),
	):
		if filters.get(field):
			extra += f" and {column} = %({field})s"
	workshop = frappe.db.get_single_value("DMS Settings", "workshop_warehouse")
	values["workshop"] = workshop
	data = frappe.db.sql(
		f"""select ro.name as repair_order, ro.status, ro.vehicle, ro.customer, p.job_no, p.item_code,
			p.item_name, p.pay_type, p.qty, p.issued_qty, p.rate, p.issued_qty * p.rate as sale_value,
			(select sum(sle.stock_value_difference) from `tabStock Ledger Entry` sle
				join `tabStock Entry Detail` d on d.name = sle.voucher_detail_no
				join `tabStock Entry` se on se.name = d.parent and se.purpose = 'Material Transfer'
				where d.repair_order_part = p.name and sle.is_cancelled = 0
				and sle.warehouse = %(workshop)s) as cost
		from `tabRepair Order Part` p join `tabRepair Order` ro on ro.name = p.parent
		where p.issued_qty > 0 and date(ro.opened_on) between %(from)s and %(to)s {extra}
		order by ro.name, p.idx""",
		values,
		as_dict=True,
	)
	for row in data:
		row.cost = flt(row.cost, 2)
		row.margin = flt(row.sale_value) - row.cost if row.pay_type == "Customer" else None
	return columns(), data


def columns():
	return [
		reports.repair_order(),
		reports.column("Status", "status", width=100),
		reports.vin("vehicle"),
		reports.column("Job", "job_no", "Int", width=50),
		reports.column("Item", "item_code", "Link", "Item", 140),
		reports.column("Item Name", "item_name", width=150),
		reports.column("Pay Type", "pay_type", width=90),
		reports.column("Issued Qty", "issued_qty", "Float", width=90),
		reports.currency("Rate", "rate", 100),
		reports.currency("Sale Value", "sale_value", 110),
		reports.currency("Cost (Valuation)", "cost"),
		reports.currency("Margin", "margin", 100),
	]
