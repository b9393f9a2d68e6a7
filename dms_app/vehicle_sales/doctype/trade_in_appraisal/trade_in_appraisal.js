frappe.ui.form.on("Trade-in Appraisal", {
	onload(frm) {
		// the new form shows the checklist the server adds on save, ready to rate
		if (frm.is_new() && !(frm.doc.condition_items || []).length) {
			frappe
				.call({ method: "dms_app.api.sales.new_checklist", args: { doctype: frm.doctype } })
				.then(({ message }) => {
					if ((frm.doc.condition_items || []).length) return;
					message.rows.forEach((row) => frm.add_child(message.table, row));
					frm.refresh_field(message.table);
				});
		}
	},
});
