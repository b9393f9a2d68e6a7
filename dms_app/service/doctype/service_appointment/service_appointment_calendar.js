frappe.views.calendar["Service Appointment"] = {
	field_map: {
		start: "start",
		end: "end",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "service_advisor", options: "User", label: __("Service Advisor") },
		{
			fieldtype: "Select",
			fieldname: "status",
			options: ["", "Requested", "Confirmed", "Arrived", "Completed", "Cancelled", "No Show"],
			label: __("Status"),
		},
	],
	// the status colours of the list view (the method returns them as `color`)
	get_css_class(data) {
		return data.color;
	},
	get_events_method: "dms_app.api.calendar.service_appointment_events",
	update_event_method: "dms_app.api.calendar.move_service_appointment",
};
