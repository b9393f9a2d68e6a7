// When an admin's workflow edit leaves a document unable to reach what the code needs (see
// dms_app/controllers/lifecycle.py), the form says so at the top instead of failing silently.
// Loaded in the desk as a plain script (app_include_js).
$(document).on("form-refresh", (_event, frm) => {
	const problems = frm.doc.__onload && frm.doc.__onload.workflow_problems;
	if (!problems || !problems.length) return;
	frm.dashboard.set_headline_alert(
		`<div>${__("The workflow of {0} needs attention from a System Manager:", [__(frm.doctype)])}</div>
		<ul>${problems.map((p) => `<li>${frappe.utils.escape_html(p)}</li>`).join("")}</ul>`,
		"red"
	);
});
