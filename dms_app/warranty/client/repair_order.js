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

// Open campaigns of the vehicle on an order being worked on: one click adds the campaign's warranty job.
frappe.ui.form.on("Repair Order", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.doc.vehicle) return;
		if (!frappe.model.can_read("Service Campaign Vehicle")) return;
		frappe.call("dms_app.api.campaigns.open_campaigns", { vin: frm.doc.vehicle }).then(({ message }) => {
			const jobs = new Set((frm.doc.jobs || []).map((j) => j.service_campaign).filter(Boolean));
			(message || [])
				.filter((c) => !jobs.has(c.campaign))
				.forEach((c) => {
					frm.dashboard.add_comment(
						__("Open {0} {1}: {2}", [__(c.campaign_type), c.campaign, frappe.utils.escape_html(c.title)]),
						"red",
						true
					);
					frm.add_custom_button(__("Add Campaign Job {0}", [c.campaign]), () =>
						frappe
							.call({
								method: "dms_app.api.campaigns.add_campaign_job",
								args: { repair_order: frm.doc.name, service_campaign: c.campaign },
								freeze: true,
							})
							.then(() => frm.reload_doc())
					);
				});
		});
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
