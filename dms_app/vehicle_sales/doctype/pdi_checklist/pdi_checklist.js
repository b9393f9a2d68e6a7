// the new form shows the checks of its PDI Template (DMS Settings' default unless one is chosen), as the
// server adds them on save
function load_checks(frm) {
	return frappe
		.call({ method: "dms_app.api.sales.new_checklist", args: { doctype: frm.doctype, template: frm.doc.template } })
		.then(({ message }) => {
			frm.clear_table(message.table);
			message.rows.forEach((row) => frm.add_child(message.table, row));
			frm.refresh_field(message.table);
			if (message.template && !frm.doc.template) {
				frm.doc.template = message.template; // not set_value: that would load the checks again
				frm.refresh_field("template");
			}
		});
}

frappe.ui.form.on("PDI Checklist", {
	onload(frm) {
		if (frm.is_new() && !(frm.doc.items || []).length) load_checks(frm);
	},
	template(frm) {
		const unchecked = (frm.doc.items || []).every((row) => !row.result);
		if (frm.is_new() && frm.doc.template && unchecked) load_checks(frm);
	},
});
