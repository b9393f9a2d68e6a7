frappe.query_reports["Warranty Claims Near Deadline"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "oem_customer", label: __("OEM"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "make", label: __("Make"), fieldtype: "Link", options: "Vehicle Make" },
		{ fieldname: "days", label: __("Within (Days)"), fieldtype: "Int", default: 7 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_left" && data && data.days_left <= 3) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
