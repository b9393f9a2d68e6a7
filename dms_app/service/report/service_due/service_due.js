frappe.query_reports["Service Due"] = {
	filters: [
		{ fieldname: "within_days", label: __("Due Within (Days)"), fieldtype: "Int", default: 30 },
		{ fieldname: "within_km", label: __("Due Within (km)"), fieldtype: "Int", default: 1000 },
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
		{ fieldname: "without_appointment", label: __("Without an Appointment Only"), fieldtype: "Check", default: 0 },
	],
	onload: dms.reports.describe(
		__("Customer vehicles due for service by date or mileage, overdue ones included. Vehicles without a customer and scrapped vehicles are left out.")
	),
};
