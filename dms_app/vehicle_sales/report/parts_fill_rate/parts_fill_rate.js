frappe.query_reports["Parts Fill Rate"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Part lines demanded in the period on sales orders, repair orders and counter sales, filled when in stock. Items outside the parts item group are left out.")
	),
};
