frappe.ui.form.on("Vehicle Handover", {
	refresh(frm) {},
});
