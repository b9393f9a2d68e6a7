frappe.ui.form.on("Technician Time Log", {
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.end) {
			frm.add_custom_button(__("Clock Off"), () =>
				frappe
					.call({ method: "dms_app.api.repair_orders.clock_off", args: { employee: frm.doc.employee } })
					.then(() => frm.reload_doc())
			);
		}
	},
});
