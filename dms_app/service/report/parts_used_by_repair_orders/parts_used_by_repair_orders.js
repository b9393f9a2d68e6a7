frappe.query_reports["Parts Used by Repair Orders"] = {
	filters: [
		dms.reports.company(),
		...dms.reports.period(30),
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "pay_type", label: __("Pay Type"), fieldtype: "Select", options: ["", "Customer", "Warranty", "Internal"] },
	],
	onload: dms.reports.describe(
		__("Parts issued to repair orders opened in the period, at sale value and at cost. Parts not issued are left out; margin is for customer pay only.")
	),
};
