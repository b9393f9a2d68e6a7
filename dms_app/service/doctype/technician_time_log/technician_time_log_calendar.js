frappe.views.calendar["Technician Time Log"] = {
	field_map: {
		start: "start",
		end: "end",
		id: "name",
		title: "employee_name",
		allDay: "allDay",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "employee", options: "Employee", label: __("Technician") },
		{ fieldtype: "Link", fieldname: "repair_order", options: "Repair Order", label: __("Repair Order") },
	],
};
