frappe.listview_settings["Service Appointment"] = {
	add_fields: ["status", "appointment_date"],
	get_indicator(doc) {
		const colour = {
			Requested: "orange",
			Confirmed: "blue",
			Arrived: "purple",
			Completed: "green",
			Cancelled: "red",
			"No Show": "gray",
		}[doc.status];
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
};
