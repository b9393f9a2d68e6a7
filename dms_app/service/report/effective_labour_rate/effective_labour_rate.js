frappe.query_reports["Effective Labour Rate"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(90),
	],
	onload: dms.reports.describe(
		__("Approved labour lines of repair orders completed in the period, by month and pay type. Unapproved lines and unfinished repair orders are left out.")
	),
};
