frappe.query_reports["Vehicle Inspection KPIs"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(90),
	],
	onload: dms.reports.describe(
		__("Repair orders completed in the period, by month: how many had a completed inspection, how many amber and red recommendations the customers bought, and how much of the deferred work created came back.")
	),
};
