frappe.query_reports["Open OEM Orders"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_supplier(),
		{ fieldname: "status", label: __("Status"), fieldtype: "Select", options: "\nSubmitted\nConfirmed\nVIN Assigned\nShipped" },
	],
	onload: dms.reports.describe(
		__("Submitted OEM vehicle orders not yet fully received. Drafts, received and cancelled orders are left out.")
	),
};
