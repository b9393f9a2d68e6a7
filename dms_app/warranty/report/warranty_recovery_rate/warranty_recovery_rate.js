frappe.query_reports["Warranty Recovery Rate"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "oem_customer", label: __("OEM"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "make", label: __("Make"), fieldtype: "Link", options: "Vehicle Make" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -12) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: "OEM\nMake\nMonth", default: "OEM" },
	],
};
