frappe.query_reports["Campaign Completion Rate"] = {
	filters: [
		dms.reports.make(),
		{ fieldname: "campaign_type", label: __("Campaign Type"), fieldtype: "Select", options: "\nRecall\nService Campaign" },
		{ fieldname: "status", label: __("Status"), fieldtype: "Select", options: "\nUpcoming\nActive\nClosed" },
	],
	onload: dms.reports.describe(
		__("Per campaign: VINs completed ÷ VINs affected; VINs marked Not Applicable are left out of both.")
	),
};
