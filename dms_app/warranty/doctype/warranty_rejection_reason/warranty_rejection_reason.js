frappe.ui.form.on("Warranty Rejection Reason", {});
