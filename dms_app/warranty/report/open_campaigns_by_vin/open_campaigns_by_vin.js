frappe.query_reports["Open Campaigns by VIN"] = {
	filters: [
		dms.reports.make(),
		{ fieldname: "service_campaign", label: __("Service Campaign"), fieldtype: "Link", options: "Service Campaign" },
	],
	onload: dms.reports.describe(
		__("Every VIN whose recall or service campaign work is still open, on campaigns running today, with the owner to contact.")
	),
};
