// A vehicle's past repair order from the previous DMS: history only, never posted to the ledgers.
frappe.ui.form.on("Vehicle Service History", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.set_intro(__("Imported from the previous DMS: history only, never posted to the ledgers."));
		}
	},
});
