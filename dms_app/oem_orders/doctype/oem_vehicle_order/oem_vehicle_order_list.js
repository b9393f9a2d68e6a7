frappe.listview_settings["OEM Vehicle Order"] = {
	// by milestone (status); with an active workflow the list shows the admin's state instead
	add_fields: ["status", "per_received"],
	get_indicator(doc) {
		const colours = {
			Draft: "red",
			Submitted: "orange",
			Confirmed: "yellow",
			"VIN Assigned": "light-blue",
			Shipped: "blue",
			Received: "green",
			Cancelled: "grey",
		};
		const status = doc.status || "Draft";
		return [__(status), colours[status] || "gray", `status,=,${status}`];
	},
};
