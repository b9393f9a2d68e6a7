frappe.query_reports["Vehicle Ageing"] = {
	filters: [
		dms.reports.company(),
		{ fieldname: "warehouse", label: __("Location"), fieldtype: "Link", options: "Warehouse" },
		dms.reports.make(),
		dms.reports.model(),
		{ fieldname: "stock_type", label: __("Stock Type"), fieldtype: "Select", options: "\nNew\nUsed" },
		dms.reports.as_of(),
	],
	onload: dms.reports.describe(
		__("Unsold vehicles on the ground (In Stock or Reserved) with days in stock. Ordered, in-transit, sold and delivered vehicles are left out.")
	),
};
