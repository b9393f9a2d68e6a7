frappe.ui.form.on("DMS Settings", {
	setup(frm) {
		const company_filter = () => ({ filters: { company: frm.doc.company, is_group: 0 } });
		for (const field of [
			"new_vehicle_warehouse",
			"used_vehicle_warehouse",
			"in_transit_warehouse",
			"parts_warehouse",
			"workshop_warehouse",
		]) {
			frm.set_query(field, company_filter);
		}
	},
});
