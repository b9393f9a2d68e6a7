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
		],
		primary_action_label: __("Import"),
		primary_action(values) {
			frappe
				.call({
					method: "dms_app.api.oem_orders.import_confirmations",
					args: values.file_url ? { file_url: values.file_url } : { csv_text: values.csv_text },
					freeze: true,
				})
				.then(({ message }) => {
					dialog.hide();
					show_result(message);
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}

function show_result(result) {
	const errors = (result.errors || [])
		.map((e) => `<tr><td>${e.row}</td><td>${frappe.utils.escape_html(e.reason)}</td></tr>`)
		.join("");
	frappe.msgprint({
		title: __("OEM confirmation"),
		indicator: errors ? "orange" : "green",
		message:
			`<p>${__("{0} row(s) applied.", [result.applied])}</p>` +
			(errors
				? `<p>${__("Not applied:")}</p><table class="table table-bordered"><tr><th>${__(
						"Row"
				  )}</th><th>${__("Reason")}</th></tr>${errors}</table>`
				: ""),
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
