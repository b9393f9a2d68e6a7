// OEM orders on ERPNext's Purchase Receipt: charge the OEM order's freight per vehicle as landed cost.
frappe.ui.form.on("Purchase Receipt", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1 || !(frm.doc.items || []).some((row) => row.purchase_order)) return;
		frm.add_custom_button(
			__("OEM Freight (Landed Cost)"),
			() =>
				frappe
					.call({
						method: "dms_app.api.oem_orders.make_landed_cost_voucher",
						args: { purchase_receipt: frm.doc.name },
					})
					.then(({ message }) => {
						const doc = frappe.model.sync(message)[0];
						frappe.set_route("Form", doc.doctype, doc.name);
					}),
			__("Create")
		);
	},
});
