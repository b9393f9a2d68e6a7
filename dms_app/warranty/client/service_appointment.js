// Open recalls and service campaigns of the booked vehicle on the Service Appointment form
// (dms_app/warranty/campaigns.py): the advisor plans the campaign work into the visit.
frappe.ui.form.on("Service Appointment", {
	refresh(frm) {
		dms_show_open_campaigns(frm);
	},
	vehicle(frm) {
		dms_show_open_campaigns(frm);
	},
});

function dms_show_open_campaigns(frm) {
	frm.set_intro("");
	if (!frm.doc.vehicle || !frappe.model.can_read("Service Campaign Vehicle")) return;
	frappe.call("dms_app.api.campaigns.open_campaigns", { vin: frm.doc.vehicle }).then(({ message }) => {
		const rows = message || [];
		if (!rows.length) return;
		const text = rows
			.map((c) => `${__(c.campaign_type)} ${frappe.utils.escape_html(c.campaign)}: ${frappe.utils.escape_html(c.title)}`)
			.join("<br>");
		frm.set_intro(__("Open campaigns on this vehicle: add their work to the visit.") + "<br>" + text, "red");
	});
}
