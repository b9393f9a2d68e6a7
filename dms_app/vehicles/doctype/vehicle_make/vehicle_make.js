frappe.ui.form.on("Vehicle Make", {
	refresh(frm) {},
});
