frappe.query_reports["Warranty Claims Near Deadline"] = {
	filters: [
		dms.reports.company(),
		dms.reports.oem_customer(),
		dms.reports.make(),
		{ fieldname: "days", label: __("Within (Days)"), fieldtype: "Int", default: 7 },
	],
	onload: dms.reports.describe(
		__("Draft claims whose OEM submission deadline is within the given days or already past. Submitted and cancelled claims are left out.")
	),
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_left" && data && data.days_left <= 3) {
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
