frappe.query_reports["Days Supply by Model"] = {
	filters: [
		dms.reports.company(),
		dms.reports.make(),
		dms.reports.as_of(),
	],
	onload: dms.reports.describe(
		__("New vehicles by model: in stock, sold in the last 30 days and on order from the OEM. Used vehicles are left out.")
	),
};
