frappe.ui.form.on("Vehicle Model", {
	refresh(frm) {},
});
