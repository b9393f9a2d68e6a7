frappe.ui.form.on("VIN Pattern", {
	refresh(frm) {},
});
