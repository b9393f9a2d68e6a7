// The filters the DMS script reports share, and the line under the filters that says what a report
// counts and leaves out (used by dms_app/*/report/*/*.js). The Python side of the same filters is
// period() in dms_app/controllers/reports.py. Loaded in the desk as a plain script (app_include_js).
frappe.provide("dms.reports");

$.extend(dms.reports, {
	company() {
		return {
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
		};
	},

	from_date(value, extra = {}) {
		return { fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: value, ...extra };
	},

	to_date(value = frappe.datetime.get_today(), extra = {}) {
		return { fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: value, ...extra };
	},

	// From Date `days` days before today (12 months without `days`), To Date today
	period(days) {
		const today = frappe.datetime.get_today();
		const from = days ? frappe.datetime.add_days(today, -days) : frappe.datetime.add_months(today, -12);
		return [dms.reports.from_date(from), dms.reports.to_date(today)];
	},

	as_of() {
		return { fieldname: "as_of", label: __("As of"), fieldtype: "Date", default: frappe.datetime.get_today() };
	},

	make() {
		return { fieldname: "make", label: __("Make"), fieldtype: "Link", options: "Vehicle Make" };
	},

	model() {
		return { fieldname: "model", label: __("Model"), fieldtype: "Link", options: "Vehicle Model" };
	},

	oem_supplier() {
		return { fieldname: "supplier", label: __("OEM / Distributor"), fieldtype: "Link", options: "Supplier" };
	},

	oem_customer() {
		return { fieldname: "oem_customer", label: __("OEM"), fieldtype: "Link", options: "Customer" };
	},

	// the report's onload: shows `text` (what it counts, what it leaves out) under the filters
	describe(text) {
		return (report) => {
			report.page.main.find(".dms-report-description").remove();
			$('<div class="dms-report-description form-message text-muted small"></div>')
				.text(text)
				.insertAfter(report.page.page_form);
		};
	},
});
