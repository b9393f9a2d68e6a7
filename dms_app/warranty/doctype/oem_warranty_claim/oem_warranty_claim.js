// OEM Warranty Claim: the dealer's claim to the manufacturer (states move by the Workflow).
frappe.ui.form.on("OEM Warranty Claim", {
	setup(frm) {
		frm.set_query("warranty_policy", () => ({ filters: { make: frm.doc.make, disabled: 0 } }));
		frm.set_query("rejection_reason", () => ({ filters: { disabled: 0 } }));
		frm.set_query("vin", () => ({ filters: { warranty_start_date: ["is", "set"] } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.submission_deadline) {
			const days = frappe.datetime.get_day_diff(frm.doc.submission_deadline, frappe.datetime.get_today());
			frm.dashboard.set_headline(
				days < 0
					? __("The OEM's submission deadline passed {0} days ago.", [-days])
					: __("{0} days left to submit to the OEM (deadline {1}).", [
							days,
							frappe.datetime.str_to_user(frm.doc.submission_deadline),
					  ]),
				days <= 3 ? "red" : "blue"
			);
		}
		["sales_invoice", "payment_entry", "write_off_entry"].forEach((field) => {
			if (frm.doc[field]) {
				const doctype = frm.fields_dict[field].df.options;
				frm.add_custom_button(__(doctype), () => frappe.set_route("Form", doctype, frm.doc[field]), __("View"));
			}
		});
	},
	vin(frm) {
		if (!frm.doc.vin) return;
		frappe.db.get_value("Motor Vehicle", frm.doc.vin, ["odometer", "company"]).then(({ message }) => {
			if (!frm.doc.odometer) frm.set_value("odometer", message.odometer);
			if (!frm.doc.company && message.company) frm.set_value("company", message.company);
		});
	},
});
