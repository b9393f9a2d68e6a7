// Before it is ordered a deal shows its workflow state, coloured by the approval milestone it stands
// for (an admin's renamed or added state keeps its milestone's colour); from then on its own status.
// The shipped Draft and Approved states leave the indicator to this (their Avoid Status Override,
// see vehicle_sales/approval.py); the other states show their own Workflow State style.
const VEHICLE_DEAL_APPROVAL_COLOURS = {
	Draft: "gray",
	"Pending Approval": "orange",
	Approved: "green",
	Rejected: "red",
};
const VEHICLE_DEAL_COLOURS = {
	Open: "gray",
	Quoted: "blue",
	Ordered: "purple",
	Invoiced: "yellow",
	Delivered: "green",
	Lost: "red",
};

frappe.listview_settings["Vehicle Deal"] = {
	add_fields: ["status", "workflow_state", "approval_status"],
	get_indicator(doc) {
		if (["Open", "Quoted"].includes(doc.status) && doc.workflow_state) {
			const state = doc.workflow_state;
			const colour = VEHICLE_DEAL_APPROVAL_COLOURS[doc.approval_status] || "gray";
			return [__(state), colour, `workflow_state,=,${state}`];
		}
		return [__(doc.status), VEHICLE_DEAL_COLOURS[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
