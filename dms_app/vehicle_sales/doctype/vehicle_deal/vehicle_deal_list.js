// Before it is ordered a deal shows its approval state; from then on its own status (the workflow's Draft
// and Approved states leave the indicator to this, see SHOW_DEAL_STATUS in vehicle_sales/setup.py).
const VEHICLE_DEAL_COLOURS = {
	Draft: "gray",
	"Pending Approval": "orange",
	Approved: "green",
	Rejected: "red",
	Open: "gray",
	Quoted: "blue",
	Ordered: "purple",
	Invoiced: "yellow",
	Delivered: "green",
	Lost: "red",
};

frappe.listview_settings["Vehicle Deal"] = {
	add_fields: ["status", "workflow_state"],
	get_indicator(doc) {
		if (["Open", "Quoted"].includes(doc.status) && doc.workflow_state) {
			const state = doc.workflow_state;
			return [__(state), VEHICLE_DEAL_COLOURS[state] || "gray", `workflow_state,=,${state}`];
		}
		return [__(doc.status), VEHICLE_DEAL_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
