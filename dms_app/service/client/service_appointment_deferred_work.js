// Booking a service for a vehicle with open deferred work: the advisor sees it on the appointment.
frappe.ui.form.on("Service Appointment", {
	refresh(frm) {
		show_deferred_work(frm);
	},
	vehicle(frm) {
		show_deferred_work(frm);
	},
});

function show_deferred_work(frm) {
	if (!frm.doc.vehicle || !frappe.model.can_read("Deferred Work")) return;
	frappe
		.call({ method: "dms_app.api.inspections.deferred_work", args: { vehicle: frm.doc.vehicle } })
		.then((r) => {
			const open = r.message || [];
			if (!open.length) return;
			const list = open.map((w) => frappe.utils.escape_html(w.description)).join("; ");
			frm.dashboard.set_headline_alert(`${__("This vehicle has recommended work pending")}: ${list}`, "orange");
		});
}
