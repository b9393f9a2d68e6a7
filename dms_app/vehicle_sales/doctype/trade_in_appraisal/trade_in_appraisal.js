frappe.ui.form.on("Trade-in Appraisal", {
	refresh(frm) {},
});
