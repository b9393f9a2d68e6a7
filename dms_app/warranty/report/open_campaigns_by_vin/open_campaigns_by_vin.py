"""Open Campaigns by VIN: the outreach list. Every VIN still Open on a campaign running today, with
its owner and mobile number, oldest campaign first (dms_app/warranty/campaigns.py)."""

import frappe
from frappe.utils import date_diff, getdate, nowdate

from dms_app.controllers import reports


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate(nowdate())
	conditions, values = ["v.status = 'Open'", "c.start_date <= %(today)s"], {"today": today}
	conditions.append("(c.end_date is null or c.end_date >= %(today)s)")
	if filters.make:
		conditions.append("coalesce(c.make, mv.make) = %(make)s")
		values["make"] = filters.make
	if filters.service_campaign:
		conditions.append("c.name = %(campaign)s")
		values["campaign"] = filters.service_campaign
	rows = frappe.db.sql(
		f"""select v.vin, c.name as service_campaign, c.title, c.campaign_type, c.start_date, c.end_date,
			coalesce(c.make, mv.make) as make, mv.model, mv.registration_plate, mv.customer,
			cu.customer_name, cu.mobile_no
		from `tabService Campaign Vehicle` v
		join `tabService Campaign` c on c.name = v.service_campaign
		left join `tabMotor Vehicle` mv on mv.name = v.vin
		left join `tabCustomer` cu on cu.name = mv.customer
		where {" and ".join(conditions)}
		order by c.start_date, c.name, v.vin""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.days_open = date_diff(today, row.start_date)
	return columns(), rows


def columns() -> list[dict]:
	return [
		reports.column("VIN", "vin", width=170),
		reports.column("Service Campaign", "service_campaign", "Link", "Service Campaign", 140),
		reports.column("Title", "title", width=220),
		reports.column("Campaign Type", "campaign_type", width=130),
		reports.make(),
		reports.model(),
		reports.column("Registration Plate", "registration_plate", width=120),
		reports.customer(),
		reports.column("Customer Name", "customer_name", width=160),
		reports.column("Mobile No", "mobile_no", width=130),
		reports.column("Days Open", "days_open", "Int", width=90),
		reports.column("End Date", "end_date", "Date", width=100),
	]
