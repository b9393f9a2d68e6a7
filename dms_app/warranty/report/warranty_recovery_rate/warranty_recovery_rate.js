frappe.query_reports["Warranty Recovery Rate"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_customer(),
		dms.reports.make(),
		...dms.reports.period(),
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: "OEM\nMake\nMonth", default: "OEM" },
	],
	onload: dms.reports.describe(
		__("Credited ÷ claimed for claims submitted in the period; open claims are shown apart. Draft and cancelled claims are left out.")
	),
};
