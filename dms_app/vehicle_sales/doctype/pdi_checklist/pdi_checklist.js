frappe.ui.form.on("PDI Checklist", {
	refresh(frm) {},
});
