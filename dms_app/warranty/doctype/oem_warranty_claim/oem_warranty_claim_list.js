// Claim list: export the claims awaiting the OEM and import the OEM's response file (check first, then import).
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
			() => import_response_dialog(listview),
			__("OEM Files")
		);
	},
};

function import_response_dialog(listview) {
	const dialog = new frappe.ui.Dialog({
		title: __("Import OEM Response"),
		fields: [
			{
				fieldname: "file_url",
				fieldtype: "Attach",
				label: __("CSV or JSON file"),
				reqd: 1,
				options: { restrictions: { allowed_file_types: [".csv", ".json"] } },
			},
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Check"),
		primary_action: ({ file_url }) => run(file_url, 1),
		secondary_action_label: __("Import"),
		secondary_action: () => run(dialog.get_value("file_url"), 0),
	});
	const run = (file_url, dry_run) =>
		frappe
			.call({
				method: "dms_app.api.warranty.import_response",
				args: { file_url, dry_run },
				freeze: true,
			})
			.then(({ message: r }) => {
				const claims = (list) => list.map((c) => frappe.utils.escape_html(c)).join(", ") || "–";
				const errors = (r.errors || [])
					.map(
						(e) =>
							`<li>${__("Row {0}", [e.row])} ${frappe.utils.escape_html(
								e.claim || ""
							)}: ${frappe.utils.escape_html(e.error)}</li>`
					)
					.join("");
				dialog.fields_dict.result.$wrapper.html(
					`<p>${dry_run ? __("Check only: nothing was written.") : ""}
					${r.rolled_back ? __("Nothing was written: a claim could not be updated (below).") : ""}</p>
					<p>${
						dry_run
							? __("Claims that would be updated: {0}", [claims(r.updated)])
							: __("Claims updated: {0}", [claims(r.updated)])
					}</p>
					<p>${__("Claims unchanged (the same answer is on file): {0}", [claims(r.unchanged || [])])}</p>
					${errors ? `<p>${__("Not written:")}</p><ul class="text-danger">${errors}</ul>` : ""}`
				);
				if (!dry_run) listview.refresh();
			});
	dialog.show();
}
