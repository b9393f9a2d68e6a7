frappe.ui.form.on("Service Interval", {
	setup(frm) {
		frm.set_query("model", () => ({ filters: frm.doc.make ? { make: frm.doc.make } : {} }));
	},
});
