frappe.query_reports["Floor Plan Line Usage"] = {
	filters: [
		dms.reports.company(),
		{ fieldname: "lender", label: __("Lender"), fieldtype: "Link", options: "Supplier" },
	],
	onload: dms.reports.describe(
		__("Per lender line: the credit limit, the principal outstanding against it, the vehicles financed, curtailments overdue and vehicles sold out of trust.")
	),
};
