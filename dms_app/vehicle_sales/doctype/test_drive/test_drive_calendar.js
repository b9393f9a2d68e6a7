frappe.views.calendar["Test Drive"] = {
	field_map: {
		start: "start_time",
		end: "end_time",
		id: "name",
		title: "driver_name",
	},
	filters: [
		{ fieldname: "vehicle", fieldtype: "Link", options: "Motor Vehicle", label: __("Vehicle") },
		{ fieldname: "sales_person", fieldtype: "Link", options: "User", label: __("Sales Consultant") },
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
