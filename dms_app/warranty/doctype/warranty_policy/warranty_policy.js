frappe.ui.form.on("Warranty Policy", {
	setup(frm) {
		frm.set_query("model", () => ({ filters: { make: frm.doc.make } }));
	},
});
