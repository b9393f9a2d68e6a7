frappe.query_reports["Technician Efficiency"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(30),
		{ fieldname: "employee", label: __("Technician"), fieldtype: "Link", options: "Employee" },
	],
	onload: dms.reports.describe(
		__("Per technician: approved flat-rate hours of repair orders completed in the period, hours clocked and hours attended. Lines without a technician are left out.")
	),
};
