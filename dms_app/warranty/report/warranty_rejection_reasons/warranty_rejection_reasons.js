frappe.query_reports["Warranty Rejection Reasons"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_customer(),
		dms.reports.make(),
		...dms.reports.period(),
	],
	onload: dms.reports.describe(
		__("OEM rejections and part-acceptances by reason code, answered in the period. Draft and cancelled claims are left out.")
	),
};
