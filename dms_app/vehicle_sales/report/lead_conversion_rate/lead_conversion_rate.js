frappe.query_reports["Lead Conversion Rate"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Leads created in the period by lead owner, converted once a submitted sales order exists for them. Leads of other companies are left out.")
	),
};
