frappe.ui.form.on("PDI Template", {
	refresh(frm) {},
});
