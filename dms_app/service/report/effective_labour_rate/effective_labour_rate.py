"""Effective labour rate (ELR) = labour sales ÷ flat-rate hours billed, per pay type and month,
over approved labour lines of repair orders completed in the period."""

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, nowdate

from dms_app.service import kpi

DONE = ("Completed", "Invoiced", "Closed")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or add_days(to_date, -90))
	extra = " and ro.company = %(company)s" if filters.company else ""
	data = frappe.db.sql(
		f"""select date_format(ro.completed_on, '%%Y-%%m') as month, l.pay_type,
			sum(l.amount) as labour_sales, sum(l.flat_hours) as flat_hours_billed
		from `tabRepair Order Labour` l join `tabRepair Order` ro on ro.name = l.parent
		where ro.status in %(done)s and ro.completed_on >= %(from)s and ro.completed_on < %(to)s
		and l.approval_status = 'Approved' {extra}
		group by month, l.pay_type order by month, l.pay_type""",
		{"done": DONE, "from": from_date, "to": add_days(to_date, 1), "company": filters.company},
		as_dict=True,
	)
	total = frappe._dict(month=_("Total"), pay_type="", labour_sales=0.0, flat_hours_billed=0.0)
	for row in data:
		row.effective_labour_rate = kpi.effective_labour_rate(
			flt(row.labour_sales), flt(row.flat_hours_billed)
		)
		total.labour_sales += flt(row.labour_sales)
		total.flat_hours_billed += flt(row.flat_hours_billed)
	if data:
		total.effective_labour_rate = kpi.effective_labour_rate(total.labour_sales, total.flat_hours_billed)
		data.append(total)
	return columns(), data


def columns():
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{"fieldname": "pay_type", "label": _("Pay Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "labour_sales", "label": _("Labour Sales"), "fieldtype": "Currency", "width": 140},
		{
			"fieldname": "flat_hours_billed",
			"label": _("Flat-rate Hours Billed"),
			"fieldtype": "Float",
			"width": 150,
		},
		{
			"fieldname": "effective_labour_rate",
			"label": _("Effective Labour Rate"),
			"fieldtype": "Currency",
			"width": 160,
		},
	]
