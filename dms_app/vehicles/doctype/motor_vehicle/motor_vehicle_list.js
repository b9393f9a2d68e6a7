const MOTOR_VEHICLE_COLOURS = {
	Ordered: "gray",
	"In Transit": "purple",
	"In Stock": "blue",
	Reserved: "orange",
	Sold: "yellow",
	Delivered: "green",
	"In Service": "cyan",
	Scrapped: "darkgrey",
};

frappe.listview_settings["Motor Vehicle"] = {
	add_fields: ["status", "stock_in_date", "model", "warehouse"],
	has_indicator_for_draft: true,
	onload(listview) {
		if (frappe.model.can_create("Vehicle Import")) {
			listview.page.add_inner_button(__("Import VINs"), () => frappe.new_doc("Vehicle Import"));
		}
	},
	get_indicator(doc) {
		// with the doctype as context, as the form's Select shows it: "In Service" reads "Customer Vehicle"
		return [__(doc.status, null, "Motor Vehicle"), MOTOR_VEHICLE_COLOURS[doc.status] || "gray", "status,=," + doc.status];
	},
	formatters: {
		stock_in_date(value) {
			if (!value) return "";
			const days = frappe.datetime.get_diff(frappe.datetime.get_today(), value);
			return `${frappe.datetime.str_to_user(value)} (${__("{0} d", [days])})`;
		},
	},
};
