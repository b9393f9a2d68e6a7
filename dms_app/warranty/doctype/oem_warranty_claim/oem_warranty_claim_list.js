// Claim list: export the claims awaiting the OEM and import the OEM's response file.
frappe.listview_settings["OEM Warranty Claim"] = {
	onload(listview) {
		["csv", "json"].forEach((format) => {
			listview.page.add_inner_button(
				__("Export for OEM ({0})", [format.toUpperCase()]),
				() => {
					const oem = listview.filter_area.get().find((f) => f[1] === "oem_customer");
					window.open(
						"/api/method/dms_app.api.warranty.export_claims?" +
							new URLSearchParams({ file_format: format, download: 1, oem_customer: oem ? oem[3] : "" })
					);
				},
				__("OEM Files")
			);
		});
		listview.page.add_inner_button(
			__("Import OEM Response"),
			() =>
				new frappe.ui.FileUploader({
					restrictions: { allowed_file_types: [".csv", ".json"] },
					on_success(file) {
						frappe
							.call("dms_app.api.warranty.import_response", { file_url: file.file_url })
							.then(({ message }) => {
								const errors = (message.errors || [])
									.map((e) => `<li>${__("Row {0}", [e.row])} ${frappe.utils.escape_html(e.claim || "")}: ${frappe.utils.escape_html(e.error)}</li>`)
									.join("");
								frappe.msgprint({
									title: __("OEM Response Imported"),
									indicator: errors ? "orange" : "green",
									message:
										__("{0} claims updated.", [message.updated.length]) +
										(errors ? `<p>${__("Not written:")}</p><ul>${errors}</ul>` : ""),
								});
								listview.refresh();
							});
					},
				}),
			__("OEM Files")
		);
	},
};
