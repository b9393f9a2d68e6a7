"""Campaign Completion Rate per campaign: VINs affected, completed and open, and the campaign
completion rate (dms_app.kpi.campaign_completion_rate; Not Applicable VINs excluded)."""

import frappe
from frappe import _

from dms_app.controllers import reports
from dms_app.kpi import campaign_completion_rate


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions, values = ["1=1"], {}
	for field in ("make", "status", "campaign_type"):
		if filters.get(field):
			conditions.append(f"c.{field} = %({field})s")
			values[field] = filters.get(field)
	rows = frappe.db.sql(
		f"""select c.name as service_campaign, c.title, c.campaign_type, c.make, c.status,
			c.start_date, c.end_date,
			sum(v.status = 'Completed') as completed, sum(v.status = 'Open') as open,
			sum(v.status = 'Not Applicable') as not_applicable
		from `tabService Campaign` c
		left join `tabService Campaign Vehicle` v on v.service_campaign = c.name
		where {" and ".join(conditions)}
		group by c.name order by c.start_date desc, c.name""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.completed, row.open = int(row.completed or 0), int(row.open or 0)
		row.not_applicable = int(row.not_applicable or 0)
		row.affected = row.completed + row.open
		row.completion_rate = campaign_completion_rate(row.completed, row.affected)
	affected = sum(r.affected for r in rows)
	completed = sum(r.completed for r in rows)
	summary = [
		{"label": _("Affected"), "value": affected, "datatype": "Int", "indicator": "Blue"},
		{"label": _("Completed"), "value": completed, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Campaign completion rate"),
			"value": campaign_completion_rate(completed, affected) or 0,
			"datatype": "Percent",
			"indicator": "Green",
		},
	]
	return columns(), rows, None, None, summary


def columns() -> list[dict]:
	return [
		reports.column("Service Campaign", "service_campaign", "Link", "Service Campaign", 140),
		reports.column("Title", "title", width=220),
		reports.column("Campaign Type", "campaign_type", width=130),
		reports.make(),
		reports.column("Status", "status", width=90),
		reports.column("Start Date", "start_date", "Date", width=100),
		reports.column("End Date", "end_date", "Date", width=100),
		reports.column("Affected", "affected", "Int", width=90),
		reports.column("Completed", "completed", "Int", width=90),
		reports.column("Open", "open", "Int", width=80),
		reports.column("Not Applicable", "not_applicable", "Int", width=110),
		reports.column("Campaign completion rate", "completion_rate", "Percent", width=180),
	]
