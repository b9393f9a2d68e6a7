"""Effective labour rate (ELR) = labour sales ÷ flat-rate hours billed, per pay type and month,
over approved labour lines of repair orders completed in the period.
Left out: labour lines not approved, and repair orders not completed."""

import frappe
from frappe import _
from frappe.utils import add_days, flt

from dms_app import kpi
from dms_app.controllers import reports

DONE = ("Completed", "Invoiced", "Closed")


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters, days=90)
	extra = " and ro.company = %(company)s" if company else ""
	data = frappe.db.sql(
		f"""select date_format(ro.completed_on, '%%Y-%%m') as month, l.pay_type,
			sum(l.amount) as labour_sales, sum(l.flat_hours) as flat_hours_billed
		from `tabRepair Order Labour` l join `tabRepair Order` ro on ro.name = l.parent
		where ro.status in %(done)s and ro.completed_on >= %(from)s and ro.completed_on < %(to)s
		and l.approval_status = 'Approved' {extra}
		group by month, l.pay_type order by month, l.pay_type""",
		{"done": DONE, "from": from_date, "to": add_days(to_date, 1), "company": company},
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
		reports.column("Month", "month", width=100),
		reports.column("Pay Type", "pay_type", width=100),
		reports.currency("Labour Sales", "labour_sales", 140),
		reports.column("Flat-rate Hours Billed", "flat_hours_billed", "Float", width=150),
		reports.currency("Effective Labour Rate", "effective_labour_rate", 160),
	]
