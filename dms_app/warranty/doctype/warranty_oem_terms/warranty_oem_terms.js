frappe.ui.form.on("Warranty OEM Terms", {});
