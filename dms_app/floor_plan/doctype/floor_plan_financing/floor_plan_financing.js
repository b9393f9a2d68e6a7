frappe.ui.form.on("Floor Plan Financing", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.outstanding_principal > 0) {
			frm.add_custom_button(__("Pay Off"), () =>
				frappe
					.call("dms_app.floor_plan.financing.make_payoff", { financing: frm.doc.name })
					.then((r) => {
						const doc = frappe.model.sync(r.message)[0];
						frappe.set_route("Form", doc.doctype, doc.name);
					})
			);
		}
	},
});
