frappe.query_reports["Dealer Financial Statement"] = {
	filters: [
		dms.reports.company(),
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Select",
			options: Array.from({ length: 12 }, (_, i) => String(i + 1)).join("\n"),
			default: String(new Date().getMonth() + 1),
			reqd: 1,
		},
	],
	onload: dms.reports.describe(
		__("Sales, cost of sales and gross profit per department for the month and the year to date, from the General Ledger: the totals agree with the Profit and Loss statement.")
	),
};
