frappe.ui.form.on("Vehicle Import", {
	refresh(frm) {
		const pending = (frm.doc.rows || []).filter((row) => row.row_status === "Valid").length;
		if (!frm.is_new() && pending) {
			frm.add_custom_button(__("Import {0} Vehicles", [pending]), () =>
				frappe.call({
					method: "dms_app.api.vehicles.import_vehicles",
					args: { vehicle_import: frm.doc.name },
					freeze: true,
					freeze_message: __("Creating vehicles…"),
					callback: ({ message }) => {
						if (message.queued) {
							frappe.show_alert(__("{0} vehicles are being created in the background", [message.pending]));
						} else {
							frappe.show_alert({
								message: __("{0} vehicles imported, {1} rows with errors", [message.imported, message.errors]),
								indicator: message.errors ? "orange" : "green",
							});
						}
						frm.reload_doc();
					},
				})
			).addClass("btn-primary");
		}
		if (frm.doc.error_rows) {
			frm.dashboard.set_headline(
				__("{0} of {1} rows have errors and will not be imported; correct them in the file and attach it to a new import.", [frm.doc.error_rows, frm.doc.total_rows]),
				"orange"
			);
		}
	},
});
