frappe.query_reports["Service Absorption"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("Service and parts gross profit against fixed overhead, from the General Ledger: the service, parts and body shop departments' accounts and all other expenses, unless other accounts are chosen in DMS Settings.")
	),
};
