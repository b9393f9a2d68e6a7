frappe.query_reports["Parts Back Orders"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "supplier", label: __("OEM / Distributor"), fieldtype: "Link", options: "Supplier" },
		{ fieldname: "parts_order_type", label: __("Parts Order Type"), fieldtype: "Select", options: "\nStock\nUrgent (VOR)" },
		{ fieldname: "parts_only", label: __("Parts only (no vehicle orders)"), fieldtype: "Check", default: 1 },
		{ fieldname: "as_of", label: __("As of"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
