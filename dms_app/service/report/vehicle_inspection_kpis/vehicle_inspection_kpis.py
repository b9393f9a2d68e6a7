"""Vehicle inspection KPIs per month (docs/kpis.md), over repair orders completed in the period:
inspection rate (orders with a completed Vehicle Inspection ÷ orders), red/amber sold % (lines
recommended from amber and red items that the customer approved ÷ those decided), and deferred
work recovered (Deferred Work created in the month and since Recovered ÷ created)."""

import frappe
from frappe import _
from frappe.utils import add_days

from dms_app import kpi
from dms_app.controllers import reports

DONE = ("Completed", "Invoiced", "Closed")


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters, days=90)
	values = {"done": DONE, "from": from_date, "to": add_days(to_date, 1), "company": company}
	extra = " and ro.company = %(company)s" if company else ""
	rows = {}
	for row in frappe.db.sql(
		f"""select date_format(ro.completed_on, '%%Y-%%m') as month, count(*) as orders,
			sum(exists(select 1 from `tabVehicle Inspection` vi
				where vi.repair_order = ro.name and vi.docstatus = 1)) as inspected
		from `tabRepair Order` ro
		where ro.status in %(done)s and ro.completed_on >= %(from)s and ro.completed_on < %(to)s {extra}
		group by month""",
		values,
		as_dict=True,
	):
		rows.setdefault(row.month, frappe._dict(month=row.month)).update(row)
	for table in ("Repair Order Labour", "Repair Order Part"):
		for row in frappe.db.sql(
			f"""select date_format(ro.completed_on, '%%Y-%%m') as month,
				sum(l.approval_status in ('Approved', 'Declined')) as decided,
				sum(l.approval_status = 'Approved') as sold
			from `tab{table}` l join `tabRepair Order` ro on ro.name = l.parent
			where ro.status in %(done)s and ro.completed_on >= %(from)s and ro.completed_on < %(to)s
			and ifnull(l.inspection_item, '') != '' {extra}
			group by month""",
			values,
			as_dict=True,
		):
			month = rows.setdefault(row.month, frappe._dict(month=row.month))
			month.recommended = (month.recommended or 0) + int(row.decided or 0)
			month.sold = (month.sold or 0) + int(row.sold or 0)
	for row in frappe.db.sql(
		"""select date_format(creation, '%%Y-%%m') as month, count(*) as deferred,
			sum(status = 'Recovered') as recovered
		from `tabDeferred Work` where creation >= %(from)s and creation < %(to)s group by month""",
		values,
		as_dict=True,
	):
		rows.setdefault(row.month, frappe._dict(month=row.month)).update(row)
	data = [rows[month] for month in sorted(rows)]
	if data:
		total = frappe._dict(month=_("Total"))
		for field in ("orders", "inspected", "recommended", "sold", "deferred", "recovered"):
			total[field] = sum(int(row.get(field) or 0) for row in data)
		data.append(total)
	for row in data:
		row.inspection_rate = kpi.inspection_rate(int(row.inspected or 0), int(row.orders or 0))
		row.red_amber_sold_percent = kpi.red_amber_sold_percent(int(row.sold or 0), int(row.recommended or 0))
		row.deferred_work_recovered = kpi.deferred_work_recovered(
			int(row.recovered or 0), int(row.deferred or 0)
		)
	return columns(), data


def columns():
	return [
		reports.column("Month", "month", width=100),
		reports.column("Repair Orders", "orders", "Int", width=110),
		reports.column("Inspected", "inspected", "Int", width=100),
		reports.column("Inspection Rate %", "inspection_rate", "Percent", width=130),
		reports.column("Recommendations Decided", "recommended", "Int", width=170),
		reports.column("Recommendations Sold", "sold", "Int", width=150),
		reports.column("Red/Amber Sold %", "red_amber_sold_percent", "Percent", width=130),
		reports.column("Deferred Work", "deferred", "Int", width=110),
		reports.column("Recovered", "recovered", "Int", width=100),
		reports.column("Deferred Work Recovered %", "deferred_work_recovered", "Percent", width=180),
	]
