"""Lead conversion rate = leads that became a sale ÷ leads created in the period, by lead owner.

A lead is converted when a submitted Sales Order exists for it: through a Vehicle Deal of the lead,
or for the Customer made from the lead (Customer.lead_name).
Left out: leads of other companies."""

from collections import defaultdict

import frappe

from dms_app import kpi
from dms_app.controllers import reports


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	company, from_date, to_date = reports.period(filters)
	leads = frappe.db.sql(
		"""select l.name, coalesce(l.lead_owner, l.owner) as owner, l.source,
			(exists(select 1 from `tabVehicle Deal` d join `tabSales Order` so on so.name = d.sales_order
				where d.lead = l.name and so.docstatus = 1)
			or exists(select 1 from `tabCustomer` c join `tabSales Order` so on so.customer = c.name
				where c.lead_name = l.name and so.docstatus = 1)) as converted
		from `tabLead` l
		where date(l.creation) between %s and %s and (l.company = %s or ifnull(l.company, '') = '')""",
		(from_date, to_date, company),
		as_dict=True,
	)
	groups = defaultdict(lambda: [0, 0])
	for lead in leads:
		groups[lead.owner][0] += 1
		groups[lead.owner][1] += 1 if lead.converted else 0
	data = [
		{"owner": owner, "leads": n, "converted": c, "conversion_rate": kpi.conversion_rate(c, n)}
		for owner, (n, c) in sorted(groups.items())
	]
	total, converted = len(leads), sum(1 for lead in leads if lead.converted)
	summary = [
		{"label": frappe._("Leads"), "value": total, "datatype": "Int"},
		{"label": frappe._("Converted"), "value": converted, "datatype": "Int"},
		{
			"label": frappe._("Lead conversion rate %"),
			"value": kpi.conversion_rate(converted, total),
			"datatype": "Percent",
		},
	]
	chart = {
		"data": {
			"labels": [d["owner"] for d in data],
			"datasets": [
				{"name": frappe._("Conversion %"), "values": [d["conversion_rate"] or 0 for d in data]}
			],
		},
		"type": "bar",
	}
	return columns(), data, None, chart, summary


def columns():
	return [
		reports.column("Lead Owner", "owner", "Link", "User", 220),
		reports.column("Leads", "leads", "Int", width=80),
		reports.column("Converted", "converted", "Int", width=90),
		reports.column("Conversion Rate %", "conversion_rate", "Percent", width=130),
	]
