// The technician's phone form: one row per check item, opened full-screen to rate it, read the
// measurement, write a note and take a photo or a clip (Attach opens the phone's camera).
frappe.ui.form.on("Vehicle Inspection", {
	setup(frm) {
		frm.set_query("template", () => ({ filters: { disabled: 0 } }));
	},
	template(frm) {
		if (!frm.doc.template || (frm.doc.items || []).length) return;
		frappe.model.with_doc("Inspection Template", frm.doc.template).then((template) => {
			for (const item of template.items) {
				const row = frm.add_child("items");
				for (const field of [
					"category",
					"check_item",
					"measurement",
					"unit",
					"direction",
					"amber_threshold",
					"red_threshold",
					"labour_operation",
					"part",
					"part_qty",
				]) {
					row[field] = item[field];
				}
			}
			frm.refresh_field("items");
		});
	},
});

frappe.ui.form.on("Vehicle Inspection Item", {
	reading(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		const value = parseFloat(String(row.reading || "").replace(",", "."));
		if (Number.isNaN(value) || !(row.amber_threshold || row.red_threshold)) return;
		const worse = row.direction === "Higher is worse" ? (a, b) => a >= b : (a, b) => a <= b;
		let rating = "Green";
		if (row.red_threshold && worse(value, row.red_threshold)) rating = "Red";
		else if (row.amber_threshold && worse(value, row.amber_threshold)) rating = "Amber";
		frappe.model.set_value(cdt, cdn, { suggested_rating: rating, rating });
	},
});
