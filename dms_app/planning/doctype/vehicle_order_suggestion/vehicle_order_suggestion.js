frappe.ui.form.on("Vehicle Order Suggestion", {
	refresh(frm) {},
});
