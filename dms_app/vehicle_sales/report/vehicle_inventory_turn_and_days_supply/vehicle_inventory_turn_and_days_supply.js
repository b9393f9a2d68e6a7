frappe.query_reports["Vehicle Inventory Turn and Days Supply"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("By model: days supply of new vehicles on To Date, and inventory turn at cost over the period. Used vehicles are left out of days supply.")
	),
};
