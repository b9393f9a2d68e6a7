frappe.query_reports["Service Absorption"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Service and parts gross profit against fixed overhead, from the General Ledger accounts chosen in DMS Settings. Other accounts are left out.")
	),
};
