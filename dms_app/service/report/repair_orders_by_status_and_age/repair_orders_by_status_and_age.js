frappe.query_reports["Repair Orders by Status and Age"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "In Progress", "Waiting Parts", "Waiting Approval", "Completed", "Invoiced"],
		},
		{ fieldname: "service_advisor", label: __("Service Advisor"), fieldtype: "Link", options: "User" },
	],
};
