frappe.ui.form.on("OEM Vehicle Order", {
	setup(frm) {
		frm.set_query("supplier", () => ({ filters: { disabled: 0 } }));
		frm.set_query("warehouse", () => ({ filters: { company: frm.doc.company, is_group: 0 } }));
		frm.set_query("trim", "lines", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		const open = frm.doc.status !== "Received";
		if (open) {
			frm.add_custom_button(__("Import OEM Confirmation"), () => import_dialog(frm), __("OEM"));
		}
		if ((frm.doc.units || []).some((u) => u.status === "VIN Assigned")) {
			frm.add_custom_button(__("Mark Shipped"), () => ship_dialog(frm), __("OEM"));
		}
		if ((frm.doc.units || []).some((u) => u.status !== "Received")) {
			frm.add_custom_button(
				__("Purchase Receipt"),
				() =>
					frappe.model.open_mapped_doc({
						method: "dms_app.api.oem_orders.make_purchase_receipt",
						frm,
					}),
				__("Create")
			);
		}
		if (frm.doc.purchase_order) {
			frm.add_custom_button(
				__("Purchase Order"),
				() => frappe.set_route("Form", "Purchase Order", frm.doc.purchase_order),
				__("View")
			);
		}
	},
});

function import_dialog(frm) {
	// Check (a dry run: nothing written) shows what the file would apply and every bad row; Import applies it.
	const dialog = new frappe.ui.Dialog({
		title: __("Import OEM Confirmation"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-muted small">${__(
					"CSV or XLSX with the columns oem_order_no, line and any of qty_confirmed, vin, eta, shipment_no, shipped_date, invoice_price. Rows that don't match are listed and change nothing."
				)}</p>`,
			},
			{ fieldname: "file_url", fieldtype: "Attach", label: __("File") },
			{
				fieldname: "csv_text",
				fieldtype: "Code",
				label: __("Or paste CSV rows"),
				default: `oem_order_no,line,vin,eta,shipment_no\n${frm.doc.name},1,,,`,
			},
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Check"),
		primary_action: () => run(1),
		secondary_action_label: __("Import"),
		secondary_action: () => run(0),
	});
	const run = (dry_run) => {
		const { file_url, csv_text } = dialog.get_values(true);
		frappe
			.call({
				method: "dms_app.api.oem_orders.import_confirmations",
				args: { ...(file_url ? { file_url } : { csv_text }), dry_run },
				freeze: true,
			})
			.then(({ message }) => {
				if (dry_run) {
					dialog.fields_dict.result.$wrapper.html(result_html(message));
					return;
				}
				dialog.hide();
				show_result(message);
				frm.reload_doc();
			});
	};
	dialog.show();
}

function result_html(result) {
	const errors = (result.errors || [])
		.map((e) => `<tr><td>${e.row}</td><td>${frappe.utils.escape_html(e.reason)}</td></tr>`)
		.join("");
	const orders = (result.orders || []).map((o) => frappe.utils.escape_html(o)).join(", ");
	return (
		(result.dry_run ? `<p>${__("Check only: nothing was written.")}</p>` : "") +
		`<p>${
			result.dry_run
				? __("{0} row(s) would be applied.", [result.applied])
				: __("{0} row(s) applied.", [result.applied])
		}${orders ? ` ${__("Orders: {0}", [orders])}` : ""}</p>` +
		(errors
			? `<p>${__("Not applied:")}</p><table class="table table-bordered"><tr><th>${__(
					"Row"
			  )}</th><th>${__("Reason")}</th></tr>${errors}</table>`
			: "")
	);
}

function show_result(result) {
	frappe.msgprint({
		title: __("OEM confirmation"),
		indicator: (result.errors || []).length ? "orange" : "green",
		message: result_html(result),
	});
}

function ship_dialog(frm) {
	const waiting = frm.doc.units.filter((u) => u.status === "VIN Assigned").map((u) => u.vin);
	const dialog = new frappe.ui.Dialog({
		title: __("Mark Shipped"),
		fields: [
			{ fieldname: "vins", fieldtype: "Small Text", label: __("VINs"), default: waiting.join("\n") },
			{ fieldname: "shipped_date", fieldtype: "Date", label: __("Shipped On"), default: "Today" },
			{ fieldname: "shipment_no", fieldtype: "Data", label: __("Shipment No") },
			{ fieldname: "eta", fieldtype: "Date", label: __("ETA") },
		],
		primary_action_label: __("Mark Shipped"),
		primary_action(values) {
			frappe
				.call({
					method: "dms_app.api.oem_orders.mark_shipped",
					args: { order: frm.doc.name, ...values },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
