frappe.query_reports["Parts Back Orders"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_supplier(),
		{ fieldname: "parts_order_type", label: __("Parts Order Type"), fieldtype: "Select", options: "\nStock\nUrgent (VOR)" },
		{ fieldname: "parts_only", label: __("Parts only (no vehicle orders)"), fieldtype: "Check", default: 1 },
		dms.reports.as_of(),
	],
	onload: dms.reports.describe(
		__("Submitted purchase order lines not fully received after their schedule date. Closed, on-hold and completed orders are left out.")
	),
};
