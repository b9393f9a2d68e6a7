frappe.query_reports["Vehicles In Transit"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_supplier(),
		dms.reports.as_of(),
	],
	onload: dms.reports.describe(
		__("Vehicles the OEM shipped that the dealership has not received. Vehicles not yet shipped or already received are left out.")
	),
};
