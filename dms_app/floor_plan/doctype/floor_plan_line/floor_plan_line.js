frappe.ui.form.on("Floor Plan Line", {
	setup(frm) {
		frm.set_query("loan_account", () => ({
			filters: { company: frm.doc.company, root_type: "Liability", is_group: 0 },
		}));
	},
});
