frappe.ui.form.on("Demand Forecast", {
	refresh(frm) {},
});
