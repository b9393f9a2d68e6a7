frappe.ui.form.on("DMS Data Migration", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.import_file || frm.doc.status === "Queued") {
			return;
		}
		const call = (method, freeze_message) =>
			frappe.call({
				method: `dms_app.api.data_exchange.${method}`,
				args: { migration: frm.doc.name },
				freeze: true,
				freeze_message,
				callback: ({ message }) => {
					if (message.queued) {
						frappe.show_alert(__("The migration runs in the background; this form shows its results when done"));
					}
					frm.reload_doc();
				},
			});
		frm.add_custom_button(__("Dry Run"), () => call("dry_run_migration", __("Checking every row…")));
		frm.add_custom_button(__("Run"), () =>
			frappe.confirm(__("Import the file now? Existing records are matched by their natural key and updated."), () =>
				call("run_migration", __("Queuing the migration…"))
			)
		).addClass("btn-primary");
		const failed = (frm.doc.results || []).reduce((sum, row) => sum + (row.failed || 0), 0);
		if (failed) {
			frm.dashboard.set_headline(
				__("{0} rows have errors (listed below with their table and row number) and are not imported.", [failed]),
				"orange"
			);
		}
	},
});
