frappe.query_reports["Warranty Claims by Status"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_customer(),
		dms.reports.make(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Claims by status and age, for repairs completed in the period. Cancelled claims are left out.")
	),
};
