frappe.ui.form.on("Vehicle Deal", {
	setup(frm) {
		frm.set_query("vin", () => ({ filters: { status: ["in", ["In Stock", "In Transit", "Ordered"]] } }));
		frm.set_query("trade_in", () => ({ filters: { docstatus: 1, status: "Appraised" } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args, then) =>
			frappe.call({ method: `dms_app.api.sales.${method}`, args, freeze: true }).then((r) => then(r.message));
		if (!frm.doc.quotation && frm.doc.status !== "Lost") {
			frm.add_custom_button(__("Quotation"), () =>
				call("make_quotation", { deal_name: frm.doc.name }, (name) => frappe.set_route("Form", "Quotation", name)),
				__("Create"));
		}
		if (frm.doc.quotation && !frm.doc.sales_order) {
			frm.add_custom_button(__("Sales Order"), () =>
				call("make_sales_order", { deal_name: frm.doc.name }, (name) => frappe.set_route("Form", "Sales Order", name)),
				__("Create"));
		}
		if (frm.doc.sales_order && frm.doc.deposit) {
			frm.add_custom_button(__("Deposit Payment"), () =>
				call("make_deposit", { deal_name: frm.doc.name }, (doc) => {
					frappe.model.sync(doc);
					frappe.set_route("Form", doc.doctype, doc.name);
				}),
				__("Create"));
		}
		frm.add_custom_button(__("Follow-up"), () => {
			frappe.prompt(
				[
					{ fieldname: "date", fieldtype: "Date", label: __("Due"), reqd: 1 },
					{ fieldname: "description", fieldtype: "Small Text", label: __("What to do"), reqd: 1 },
				],
				(v) => call("schedule_follow_up", { doctype: frm.doctype, name: frm.doc.name, ...v }, () => frm.reload_doc()),
				__("Schedule follow-up"));
		});
		if (!frm.doc.sales_order && frm.doc.status !== "Lost") {
			frm.add_custom_button(__("Mark Lost"), () =>
				frappe.prompt({ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }, (v) =>
					call("mark_lost", { deal_name: frm.doc.name, reason: v.reason }, () => frm.reload_doc())));
		}
		if (frm.doc.needs_approval && frm.doc.workflow_state !== "Approved") {
			frm.dashboard.set_headline_alert(__("The discount is over the limit: a Sales Manager must approve it."), "orange");
		}
	},
});
