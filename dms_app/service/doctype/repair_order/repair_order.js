const RO_API = "dms_app.api.repair_orders.";
const WORKING = ["Open", "In Progress", "Waiting Parts", "Waiting Approval"];

frappe.ui.form.on("Repair Order", {
	setup(frm) {
		frm.set_query("vehicle", () => ({ filters: frm.doc.customer ? { customer: frm.doc.customer } : {} }));
		frm.set_query("technician", "labour", () => ({ filters: { status: "Active", company: frm.doc.company } }));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const working = WORKING.includes(frm.doc.status);
		if (working) {
			frm.add_custom_button(__("Issue Parts"), () => call(frm, "issue_parts", { repair_order: frm.doc.name }), __("Parts"));
			if ((frm.doc.parts || []).some((row) => row.issued_qty > 0)) {
				frm.add_custom_button(__("Return Parts"), () => return_parts(frm), __("Parts"));
			}
			if (parts_to_order(frm).length) {
				frm.add_custom_button(__("Urgent Order (VOR)"), () => order_parts(frm), __("Parts"));
			}
			frm.add_custom_button(__("Clock On"), () => clock_on(frm), __("Clock"));
			frm.add_custom_button(__("Clock Off"), () => clock_off(frm), __("Clock"));
			if (all_lines(frm).some((row) => row.approval_status === "Proposed")) {
				frm.add_custom_button(__("Record Customer Decision"), () => decide(frm));
			} else if (frm.doc.customer_lines && frm.doc.status !== "Open") {
				// the customer collects and pays: both moves in one go (the workflow's roles decide)
				frm.add_custom_button(__("Complete and Invoice"), () =>
					call(frm, "complete_and_invoice", { repair_order: frm.doc.name })
				);
			}
		}
		if (frm.doc.status === "Completed" && frm.doc.customer_lines) {
			frm.add_custom_button(__("Sales Invoice"), () => call(frm, "make_invoice", { repair_order: frm.doc.name }), __("Create"));
		}
		if (frm.doc.sales_invoice) {
			frm.add_custom_button(__("Sales Invoice"), () => frappe.set_route("Form", "Sales Invoice", frm.doc.sales_invoice), __("View"));
		}
		frm.add_custom_button(__("Time Logs"), () => frappe.set_route("List", "Technician Time Log", { repair_order: frm.doc.name }), __("View"));
	},
});

function all_lines(frm) {
	return [...(frm.doc.labour || []), ...(frm.doc.parts || []), ...(frm.doc.sublets || [])];
}

function call(frm, method, args) {
	return frappe.call({ method: RO_API + method, args, freeze: true }).then(() => frm.reload_doc());
}

function clock_on(frm) {
	const options = (frm.doc.labour || [])
		.filter((row) => row.approval_status === "Approved")
		.map((row) => ({ value: row.name, label: `${row.job_no}: ${row.description || row.labour_operation || row.idx}` }));
	frappe.prompt(
		[
			{ fieldname: "labour_row", label: __("Labour Line"), fieldtype: "Select", options, reqd: 1 },
			{ fieldname: "employee", label: __("Technician"), fieldtype: "Link", options: "Employee", description: __("Empty: yourself") },
		],
		(values) => call(frm, "clock_on", { repair_order: frm.doc.name, ...values }),
		__("Clock On")
	);
}

function clock_off(frm) {
	frappe.prompt(
		[{ fieldname: "employee", label: __("Technician"), fieldtype: "Link", options: "Employee", description: __("Empty: yourself, or the one technician clocked on this order") }],
		(values) => call(frm, "clock_off", { repair_order: frm.doc.name, ...values }),
		__("Clock Off")
	);
}

function decide(frm) {
	const proposed = all_lines(frm).filter((row) => row.approval_status === "Proposed");
	const fields = proposed.map((row) => ({
		fieldname: row.name,
		label: `${__(row.doctype.replace("Repair Order ", ""))} ${row.idx}: ${row.description || row.item_code || row.labour_operation || ""} (${format_currency(row.amount, frm.doc.currency)})`,
		fieldtype: "Select",
		options: ["", "Approved", "Declined"],
	}));
	frappe.prompt(
		fields,
		(values) => {
			const decisions = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
			call(frm, "decide_lines", { repair_order: frm.doc.name, decisions });
		},
		__("Customer Decision")
	);
}

function return_parts(frm) {
	const issued = (frm.doc.parts || []).filter((row) => row.issued_qty > 0);
	frappe.prompt(
		[
			{
				fieldname: "row",
				label: __("Part"),
				fieldtype: "Select",
				reqd: 1,
				options: issued.map((row) => ({ value: row.name, label: `${row.idx}: ${row.item_code} (${row.issued_qty})` })),
				default: issued.length === 1 ? issued[0].name : undefined,
			},
			{ fieldname: "qty", label: __("Qty"), fieldtype: "Float", reqd: 1, default: issued.length === 1 ? issued[0].issued_qty : undefined },
		],
		(values) => call(frm, "return_parts", { repair_order: frm.doc.name, ...values }),
		__("Return Parts")
	);
}

// parts the customer has not declined and the workshop has not been issued yet
function parts_to_order(frm) {
	return (frm.doc.parts || [])
		.filter((row) => row.approval_status !== "Declined" && row.qty > (row.issued_qty || 0))
		.map((row) => ({ item_code: row.item_code, qty: row.qty - (row.issued_qty || 0) }));
}

// a draft urgent parts Purchase Order for the vehicle waiting in the workshop
function order_parts(frm) {
	frappe.prompt(
		{ fieldname: "supplier", label: __("Supplier"), fieldtype: "Link", options: "Supplier", reqd: 1 },
		({ supplier }) =>
			frappe
				.call({
					method: "dms_app.api.oem_orders.make_parts_order",
					args: { supplier, items: parts_to_order(frm), order_type: "Urgent (VOR)", repair_order: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) => {
					const doc = frappe.model.sync(message)[0];
					frappe.set_route("Form", doc.doctype, doc.name);
				}),
		__("Urgent Order (VOR)")
	);
}
