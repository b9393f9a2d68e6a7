frappe.ui.form.on("Test Drive", {
	refresh(frm) {},
});
