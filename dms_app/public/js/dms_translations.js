// Frappe's Datetime and Time controls append the time zone to a field's description before the
// base control translates it, so "<description><br><time zone>" never matches a translation and the
// description stays English. Translate the description first. Loaded in the desk (app_include_js).
for (const name of ["ControlDatetime", "ControlTime"]) {
	const control = frappe.ui.form[name];
	const set_description = control.prototype.set_description;
	control.prototype.set_description = function (...args) {
		if (this.df.description) this.df.description = __(this.df.description);
		return set_description.apply(this, args);
	};
}
