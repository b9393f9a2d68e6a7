frappe.listview_settings["OEM Vehicle Order"] = {
	add_fields: ["workflow_state", "per_received"],
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
		const state = doc.workflow_state || "Draft";
		return [__(state), colours[state] || "gray", `workflow_state,=,${state}`];
	},
};
