// Parts orders on ERPNext's purchase Material Request (the weekly parts forecast drafts them): a draft
// Purchase Order of what is still to order, superseded parts ordered as their current part.
frappe.ui.form.on("Material Request", {
	refresh(frm) {
		const open = frm.doc.docstatus === 1 && !["Stopped", "Cancelled"].includes(frm.doc.status);
		if (!open || frm.doc.material_request_type !== "Purchase" || flt(frm.doc.per_ordered) >= 100) return;
		frm.add_custom_button(
			__("Parts Order"),
			() =>
				frappe.prompt(
					{ fieldname: "supplier", label: __("Supplier"), fieldtype: "Link", options: "Supplier", reqd: 1 },
					({ supplier }) =>
						frappe
							.call({
								method: "dms_app.api.oem_orders.make_parts_order",
								args: { supplier, items: [], material_requests: [frm.doc.name] },
								freeze: true,
							})
							.then(({ message }) => {
								const doc = frappe.model.sync(message)[0];
								frappe.set_route("Form", doc.doctype, doc.name);
							}),
					__("Parts Order")
				),
			__("Create")
		);
	},
});
