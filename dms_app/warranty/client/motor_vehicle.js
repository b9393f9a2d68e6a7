// Warranty coverage on the Motor Vehicle form (dms_app/warranty): which policies still cover it today.
frappe.ui.form.on("Motor Vehicle", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.warranty_start_date) return;
		frappe
			.call("dms_app.api.warranty.coverage", {
				vin: frm.doc.name,
				date: frappe.datetime.get_today(),
				odometer: frm.doc.odometer || 0,
			})
			.then(({ message }) => {
				const covers = message.covers || [];
				const rows = covers
					.map(
						(c) => `<tr><td>${frappe.utils.escape_html(c.component_group)}</td>
						<td>${frappe.utils.escape_html(c.policy)}</td>
						<td>${frappe.datetime.str_to_user(c.expires_on)} (${c.remaining_months} ${__("months")})</td>
						<td>${c.remaining_km === null ? __("unlimited") : format_number(c.remaining_km, null, 0) + " km"}</td></tr>`
					)
					.join("");
				const html = covers.length
					? `<table class="table table-sm"><thead><tr><th>${__("Component Group")}</th><th>${__(
							"Policy"
					  )}</th><th>${__("Expires")}</th><th>${__("Distance Left")}</th></tr></thead><tbody>${rows}</tbody></table>`
					: `<p class="text-muted">${__("No warranty policy covers this vehicle any more.")}</p>`;
				frm.dashboard.add_section(html, __("Warranty Coverage"));
			});
		frm.add_custom_button(
			__("OEM Warranty Claims"),
			() => frappe.set_route("List", "OEM Warranty Claim", { vin: frm.doc.name }),
			__("View")
		);
	},
});

// Open recalls and service campaigns on the Motor Vehicle form (dms_app/warranty/campaigns.py).
frappe.ui.form.on("Motor Vehicle", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_read("Service Campaign Vehicle")) return;
		frappe.call("dms_app.api.campaigns.open_campaigns", { vin: frm.doc.name }).then(({ message }) => {
			const rows = message || [];
			if (!rows.length) return;
			const items = rows
				.map(
					(c) => `<li><a href="/app/service-campaign/${encodeURIComponent(c.campaign)}">${frappe.utils.escape_html(
						c.campaign
					)}</a> · ${__(c.campaign_type)} · ${frappe.utils.escape_html(c.title)} (${__("open {0} days", [c.days_open])})</li>`
				)
				.join("");
			frm.dashboard.add_section(`<ul class="dms-open-campaigns">${items}</ul>`, __("Open Campaigns"));
			frm.dashboard.set_headline_alert(__("{0} open recall or service campaign(s)", [rows.length]), "red");
		});
	},
});
