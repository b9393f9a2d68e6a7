// Warranty on the Repair Order form (dms_app/warranty): coverage check on warranty lines, the order's OEM claims.
frappe.ui.form.on("Repair Order", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(
			__("OEM Warranty Claims"),
			() => frappe.set_route("List", "OEM Warranty Claim", { repair_order: frm.doc.name }),
			__("View")
		);
		if (["Completed", "Invoiced", "Closed"].includes(frm.doc.status)) {
			frm.add_custom_button(
				__("Draft Warranty Claims"),
				() =>
					frappe
						.call("dms_app.api.warranty.make_claims_from_repair_order", { repair_order: frm.doc.name })
						.then(({ message }) => {
							frappe.show_alert({
								message: message.length
									? __("Created: {0}", [message.join(", ")])
									: __("Every warranty job already has a claim"),
								indicator: message.length ? "green" : "blue",
							});
						}),
				__("Create")
			);
		}
	},
});

// Marking a line Warranty checks the vehicle's coverage at the order's date and odometer.
function dms_warn_if_not_covered(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	if (row.pay_type !== "Warranty" || !frm.doc.vehicle) return;
	frappe
		.call("dms_app.api.warranty.coverage", {
			vin: frm.doc.vehicle,
			date: (frm.doc.opened_on || frappe.datetime.now_datetime()).slice(0, 10),
			odometer: frm.doc.odometer_in || 0,
		})
		.then(({ message }) => {
			if (!message.covered) {
				frappe.msgprint({
					title: __("Not Covered"),
					indicator: "orange",
					message: __("No warranty policy covers {0} at {1} km on this date: the OEM will reject a claim.", [
						frm.doc.vehicle,
						format_number(frm.doc.odometer_in || 0, null, 0),
					]),
				});
			} else {
				const groups = message.covers.map((c) => __(c.component_group)).join(", ");
				frappe.show_alert({ message: __("Covered: {0}", [groups]), indicator: "green" });
			}
		});
}

["Repair Order Job", "Repair Order Labour", "Repair Order Part", "Repair Order Sublet"].forEach((doctype) => {
	frappe.ui.form.on(doctype, { pay_type: dms_warn_if_not_covered });
});
