frappe.query_reports["Floor Plan Audit"] = {
	filters: [
		dms.reports.company(),
		{ fieldname: "lender", label: __("Lender"), fieldtype: "Link", options: "Supplier" },
		{ fieldname: "floor_plan_line", label: __("Floor Plan Line"), fieldtype: "Link", options: "Floor Plan Line" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Financed", "Sold", "Paid Off"].map((value) => ({ value, label: __(value) })),
		},
	],
	onload: dms.reports.describe(
		__("Each financed vehicle with what is owed on it and where its certificate and keys are: the list a lender's auditor walks the lot with. Without a status: the vehicles not paid off.")
	),
};
