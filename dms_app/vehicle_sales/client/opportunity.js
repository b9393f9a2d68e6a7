// Vehicle sales on ERPNext's Opportunity: a draft Vehicle Deal for its first vehicle of interest.
frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Lost") return;
		frm.add_custom_button(
			__("Vehicle Deal"),
			() =>
				frappe
					.call({
						method: "dms_app.api.sales.make_deal_from_opportunity",
						args: { opportunity: frm.doc.name },
						freeze: true,
					})
					.then(({ message }) => {
						const doc = frappe.model.sync(message)[0];
						frappe.set_route("Form", doc.doctype, doc.name);
					}),
			__("Create")
		);
	},
});
