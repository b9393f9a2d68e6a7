frappe.listview_settings["DMS Alert Log"] = {
	onload(listview) {
		if (!frappe.user.has_role(["System Manager", "DMS Manager"])) return;
		// after tuning DMS Settings > Alerts: run them now instead of waiting for the scheduler
		listview.page.add_inner_button(__("Run Alerts Now"), () =>
			frappe
				.call("dms_app.api.planning.run_alerts_now")
				.then(() => frappe.show_alert(__("Alerts are running in the background; what they send is logged here")))
		);
	},
};
