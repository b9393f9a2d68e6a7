frappe.query_reports["Repair Orders by Status and Age"] = {
	filters: [
		dms.reports.company(),
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "In Progress", "Waiting Parts", "Waiting Approval", "Completed", "Invoiced"],
		},
		{ fieldname: "service_advisor", label: __("Service Advisor"), fieldtype: "Link", options: "User" },
	],
	onload: dms.reports.describe(
		__("Repair orders not yet closed, by status and days since opened. Closed and cancelled repair orders are left out.")
	),
};
