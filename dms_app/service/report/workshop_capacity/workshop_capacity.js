frappe.query_reports["Workshop Capacity"] = {
	filters: [
		dms.reports.from_date(frappe.datetime.get_today(), { reqd: 1 }),
		dms.reports.to_date(frappe.datetime.add_days(frappe.datetime.get_today(), 13), { reqd: 1 }),
	],
	onload: dms.reports.describe(
		__("Technician hours per day against the hours booked by appointments. Cancelled and no-show appointments are left out.")
	),
};
