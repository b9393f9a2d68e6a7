frappe.query_reports["Open OEM Orders"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "supplier", label: __("OEM / Distributor"), fieldtype: "Link", options: "Supplier" },
		{ fieldname: "workflow_state", label: __("Status"), fieldtype: "Select", options: "\nSubmitted\nConfirmed\nVIN Assigned\nShipped" },
	],
};
