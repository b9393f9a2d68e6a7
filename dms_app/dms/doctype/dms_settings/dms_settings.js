frappe.ui.form.on("DMS Settings", {
	setup(frm) {
		const company_filter = () => ({ filters: { company: frm.doc.company, is_group: 0 } });
		for (const field of [
			"new_vehicle_warehouse",
			"used_vehicle_warehouse",
			"in_transit_warehouse",
			"parts_warehouse",
			"workshop_warehouse",
		]) {
			frm.set_query(field, company_filter);
		}
	},
	refresh(frm) {
		if (frappe.user.has_role("System Manager") || frappe.user.has_role("DMS Manager")) {
			frm.add_custom_button(__("Export all DMS data"), () =>
				frappe.call({
					method: "dms_app.api.data_exchange.export_all_data",
					callback: () =>
						frappe.show_alert({
							message: __("The export runs in the background; its zip will be attached here"),
							indicator: "blue",
						}),
				})
			);
		}
	},
});
