// Fill the deal from the vehicle sold, as the server does on save: trim, model, Item, colour and the
// list price (the VIN's, else its trim's); the price follows the list price until the user changes it.
function fill_from_vehicle(frm) {
	const { deal_type, vin, trim } = frm.doc;
	if (deal_type === "Stock Vehicle" ? !vin : !trim) return;
	return frappe
		.call({ method: "dms_app.api.sales.deal_vehicle", args: { deal_type, vin, trim } })
		.then(({ message: values }) => {
			if (!values || !Object.keys(values).length) return;
			const price_followed_list = !frm.doc.vehicle_price || frm.doc.vehicle_price === frm.doc.list_price;
			const updates = {
				model: values.model,
				vehicle_item: values.vehicle_item,
				list_price: values.list_price,
			};
			if (deal_type === "Stock Vehicle") {
				updates.trim = values.trim;
				if (values.colour) updates.colour = values.colour;
			}
			if (price_followed_list) updates.vehicle_price = values.list_price;
			return frm.set_value(updates);
		});
}

function set_default_taxes(frm) {
	if (!frm.is_new() || frm.doc.taxes_and_charges || !frm.doc.company) return;
	frappe
		.call({
			method: "erpnext.controllers.accounts_controller.get_default_taxes_and_charges",
			args: { master_doctype: "Sales Taxes and Charges Template", company: frm.doc.company },
		})
		.then(({ message }) => {
			if (message && message.taxes_and_charges && !frm.doc.taxes_and_charges) {
				frm.set_value("taxes_and_charges", message.taxes_and_charges);
			}
		});
}

frappe.ui.form.on("Vehicle Deal", {
	onload(frm) {
		set_default_taxes(frm);
	},
	company(frm) {
		set_default_taxes(frm);
	},
	vin(frm) {
		fill_from_vehicle(frm);
	},
	trim(frm) {
		if (frm.doc.deal_type === "Factory Order") fill_from_vehicle(frm);
	},
	deal_type(frm) {
		if (frm.doc.deal_type === "Factory Order" && frm.doc.vin) frm.set_value("vin", null);
		fill_from_vehicle(frm);
	},
	setup(frm) {
		frm.set_query("vin", () => ({ filters: { status: ["in", ["In Stock", "In Transit", "Ordered"]] } }));
		frm.set_query("trade_in", () => ({ filters: { docstatus: 1, status: "Appraised" } }));
	},
	refresh(frm) {
		// the form's message area keeps what earlier refreshes added: start it empty, unless it tells
		// of the workflow's problems (dms_lifecycle.js)
		const workflow_problems = ((frm.doc.__onload || {}).workflow_problems || []).length;
		if (!workflow_problems) frm.dashboard.clear_headline();
		if (frm.is_new()) return;
		const closed = ["Invoiced", "Delivered", "Lost"].includes(frm.doc.status);
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
		if (frm.doc.sales_order && frm.doc.deposit && !closed) {
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
		if (frm.doc.needs_approval && frm.doc.approval_status !== "Approved" && !workflow_problems) {
			frm.dashboard.set_headline_alert(__("The discount is over the limit: a Sales Manager must approve it."), "orange");
		}
	},
});
