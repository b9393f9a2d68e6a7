frappe.query_reports["Gross per Vehicle Retailed"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Vehicles invoiced in the period with their vehicle and F&I gross. Returned vehicles and OEM warranty invoices are left out; fleet sales are listed but not counted.")
	),
};
