// Service Campaign: its vehicles by status, and the OEM's campaign file import (check first, then import).
frappe.ui.form.on("Service Campaign", {
	refresh(frm) {
		const counts = (frm.doc.__onload || {}).vehicle_counts || {};
		if (!frm.is_new()) {
			const parts = ["Open", "Completed", "Not Applicable"].map((s) => `${__(s)}: ${counts[s] || 0}`);
			frm.dashboard.add_comment(parts.join(" · "), "blue", true);
			frm.add_custom_button(__("Vehicles"), () =>
				frappe.set_route("List", "Service Campaign Vehicle", { service_campaign: frm.doc.name })
			);
		}
		frm.add_custom_button(__("Import Campaign File"), () => dms_import_campaigns());
	},
});

function dms_import_campaigns() {
	const dialog = new frappe.ui.Dialog({
		title: __("Import Campaign File"),
		fields: [
			{ fieldname: "file_url", fieldtype: "Attach", label: __("CSV, XLSX or JSON file"), reqd: 1 },
			{ fieldname: "result", fieldtype: "HTML" },
		],
		primary_action_label: __("Check"),
		primary_action: ({ file_url }) => run(file_url, 1),
		secondary_action_label: __("Import"),
		secondary_action: () => run(dialog.get_value("file_url"), 0),
	});
	const run = (file_url, dry_run) =>
		frappe
			.call({ method: "dms_app.api.campaigns.import_campaigns", args: { file_url, dry_run }, freeze: true })
			.then(({ message: r }) => {
				const errors = (r.errors || [])
					.map((e) => `<li>${__("Row {0}", [e.row])} ${frappe.utils.escape_html(e.campaign || "")}: ${frappe.utils.escape_html(e.error)}</li>`)
					.join("");
				dialog.fields_dict.result.$wrapper.html(
					`<p>${dry_run ? __("Check only: nothing was written.") : ""}
					${__("Campaigns created: {0}, updated: {1}, unchanged: {2}; VINs added: {3}, already there: {4}", [
						r.created.length,
						r.updated.length,
						r.unchanged.length,
						r.vins_added,
						r.vins_unchanged,
					])}</p>${errors ? `<ul class="text-danger">${errors}</ul>` : ""}`
				);
			});
	dialog.show();
}
