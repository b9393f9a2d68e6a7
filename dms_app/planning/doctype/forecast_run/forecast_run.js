frappe.ui.form.on("Forecast Run", {
	refresh(frm) {
		if (["Failed", "Queued"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Resume"), () =>
				frappe
					.call("dms_app.api.planning.resume_run", { run: frm.doc.name })
					.then(() => frappe.show_alert(__("Resuming after chunk {0}", [frm.doc.last_chunk + 1])))
			);
		}
		frappe.realtime.off("progress");
		frappe.realtime.on("progress", (data) => {
			if (data && data.percent !== undefined) frm.dashboard.show_progress(frm.doc.name, data.percent);
		});
	},
});
