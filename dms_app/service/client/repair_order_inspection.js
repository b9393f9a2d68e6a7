// The digital inspection on the Repair Order form (dms_app/service/inspections.py): open or start the
// order's Vehicle Inspection, and the vehicle's open deferred work, added in one click.
frappe.ui.form.on("Repair Order", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		if (frappe.model.can_create("Vehicle Inspection")) {
			frm.add_custom_button(__("Vehicle Inspection"), () =>
				frappe
					.call({
						method: "dms_app.api.inspections.make_inspection",
						args: { repair_order: frm.doc.name },
						freeze: true,
					})
					.then((r) => frappe.set_route("Form", "Vehicle Inspection", r.message)),
			);
		}
		if (!frm.doc.vehicle || !frappe.model.can_read("Deferred Work")) return;
		frappe
			.call({ method: "dms_app.api.inspections.deferred_work", args: { vehicle: frm.doc.vehicle } })
			.then((r) => {
				const open = (r.message || []).filter(
					(w) => ![...(frm.doc.labour || []), ...(frm.doc.parts || [])].some((l) => l.deferred_work === w.name),
				);
				if (!open.length) return;
				const list = open
					.map((w) => `${frappe.utils.escape_html(w.description)} (${format_currency(w.estimated_price, w.currency)})`)
					.join("; ");
				frm.dashboard.set_headline_alert(
					`${__("This vehicle has recommended work pending")}: ${list}`,
					"orange",
				);
				frm.add_custom_button(__("Add Deferred Work"), () =>
					frappe
						.call({
							method: "dms_app.api.inspections.add_deferred_work",
							args: { repair_order: frm.doc.name, names: open.map((w) => w.name) },
							freeze: true,
						})
						.then(() => frm.reload_doc()),
				);
			});
	},
});
