frappe.query_reports["Late OEM Shipments"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_supplier(),
		dms.reports.as_of(),
	],
	onload: dms.reports.describe(
		__("Submitted OEM order lines not shipped after their requested week, and shipped vehicles past their ETA. Received vehicles are left out.")
	),
};
