frappe.ui.form.on("Labour Operation", {
	setup(frm) {
		frm.set_query("item", () => ({ filters: { is_stock_item: 0, disabled: 0 } }));
		frm.set_query("model", "times", (doc, cdt, cdn) => {
			const row = locals[cdt][cdn];
			return { filters: row.make ? { make: row.make } : {} };
		});
	},
});
