frappe.ui.form.on("Technician Absence", {
	setup(frm) {
		frm.set_query("employee", () => ({ filters: { is_technician: 1, status: "Active" } }));
	},
});
