frappe.query_reports["Vehicle Ageing"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "warehouse", label: __("Location"), fieldtype: "Link", options: "Warehouse" },
		{ fieldname: "make", label: __("Make"), fieldtype: "Link", options: "Vehicle Make" },
		{ fieldname: "model", label: __("Model"), fieldtype: "Link", options: "Vehicle Model" },
		{ fieldname: "stock_type", label: __("Stock Type"), fieldtype: "Select", options: "\nNew\nUsed" },
		{ fieldname: "as_of", label: __("As of"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
