frappe.listview_settings["Forecast Run"] = {
	onload(listview) {
		for (const job of ["Parts Forecast", "Vehicle Forecast"]) {
			listview.page.add_inner_button(__("Run {0} Now", [__(job)]), () =>
				frappe
					.call("dms_app.api.planning.run_forecast", { job })
					.then((r) => frappe.set_route("Form", "Forecast Run", r.message))
			);
		}
	},
	get_indicator(doc) {
		const colour = { Queued: "blue", Running: "orange", Completed: "green", Failed: "red" }[doc.status];
		return [__(doc.status), colour, "status,=," + doc.status];
	},
};
