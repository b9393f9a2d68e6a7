frappe.ui.form.on("DMS Alert Log", {
	refresh(frm) {},
});
