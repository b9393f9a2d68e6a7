// Moving an appointment (confirm, arrived, no show, cancel…) is its workflow's actions; the
// buttons here book the slot and open the repair order.
frappe.ui.form.on("Service Appointment", {
	setup(frm) {
		frm.set_query("vehicle", () => ({
			filters: frm.doc.customer ? { customer: frm.doc.customer } : {},
		}));
		frm.set_query("labour_operation", "work", () => ({ filters: { disabled: 0 } }));
	},

	refresh(frm) {
		if (frm.is_new()) {
			frm.add_custom_button(__("Find a Slot"), () => find_slot(frm));
			return;
		}
		if (["Requested", "Confirmed"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Find a Slot"), () => find_slot(frm));
		}
		if (!frm.doc.repair_order && ["Requested", "Confirmed", "Arrived"].includes(frm.doc.status)) {
			// the customer arrives: open the repair order with the requested work as its jobs
			frm.add_custom_button(
				__("Repair Order"),
				() =>
					frappe.model.open_mapped_doc({
						method: "dms_app.api.repair_orders.make_repair_order",
						frm,
					}),
				__("Create")
			);
		}
	},
});

function find_slot(frm) {
	const hours = frm.doc.estimated_hours || (frm.doc.work || []).reduce((sum, row) => sum + (row.estimated_hours || 0), 0);
	if (!hours) {
		frappe.msgprint(__("Enter the estimated hours or the requested work first."));
		return;
	}
	const from_date = frappe.datetime.get_today();
	frappe
		.call("dms_app.api.service.available_slots", {
			from_date,
			to_date: frappe.datetime.add_days(from_date, 14),
			hours,
		})
		.then(({ message: slots }) => {
			if (!slots || !slots.length) {
				frappe.msgprint(__("No slot has {0} free hours in the next two weeks.", [hours]));
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("Free slots for {0} hours", [hours]),
				fields: [
					{
						fieldname: "slot",
						fieldtype: "Select",
						label: __("Slot"),
						reqd: 1,
						options: slots.map((s) => ({
							value: `${s.date} ${s.start_time}`,
							label: `${frappe.datetime.str_to_user(s.date)} ${s.start_time} (${__("{0} h free", [s.free_hours])})`,
						})),
					},
				],
				primary_action_label: __("Use this Slot"),
				primary_action({ slot }) {
					const [date, time] = slot.split(" ");
					frm.set_value("appointment_date", date);
					frm.set_value("start_time", time);
					dialog.hide();
				},
			});
			dialog.show();
		});
}
