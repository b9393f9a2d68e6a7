frappe.ui.form.on("Vehicle Trim", {
	refresh(frm) {},
});
