frappe.listview_settings["Repair Order"] = {
	onload(listview) {
		// the selected orders completed and invoiced in the background (the workflow's roles decide)
		listview.page.add_actions_menu_item(__("Complete and Invoice"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) return frappe.msgprint(__("Select the repair orders to complete and invoice."));
			frappe
				.xcall("dms_app.api.repair_orders.complete_and_invoice_many", { names })
				.then((count) => frappe.show_alert({ message: __("{0} repair orders queued", [count]), indicator: "blue" }));
		});
	},
};
