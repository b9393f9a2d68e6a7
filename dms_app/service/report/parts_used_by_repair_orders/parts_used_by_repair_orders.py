"""Parts issued to repair orders opened in a period: qty issued, sale value and cost at valuation
(the workshop's Stock Ledger Entries of the issue and return transfers), by pay type."""

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, nowdate


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or add_days(to_date, -30))
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
		{
			"fieldname": "repair_order",
			"label": _("Repair Order"),
			"fieldtype": "Link",
			"options": "Repair Order",
			"width": 140,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "vehicle",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 170,
		},
		{"fieldname": "job_no", "label": _("Job"), "fieldtype": "Int", "width": 50},
		{"fieldname": "item_code", "label": _("Item"), "fieldtype": "Link", "options": "Item", "width": 140},
		{"fieldname": "item_name", "label": _("Item Name"), "fieldtype": "Data", "width": 150},
		{"fieldname": "pay_type", "label": _("Pay Type"), "fieldtype": "Data", "width": 90},
		{"fieldname": "issued_qty", "label": _("Issued Qty"), "fieldtype": "Float", "width": 90},
		{"fieldname": "rate", "label": _("Rate"), "fieldtype": "Currency", "width": 100},
		{"fieldname": "sale_value", "label": _("Sale Value"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "cost", "label": _("Cost (Valuation)"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "margin", "label": _("Margin"), "fieldtype": "Currency", "width": 100},
	]
