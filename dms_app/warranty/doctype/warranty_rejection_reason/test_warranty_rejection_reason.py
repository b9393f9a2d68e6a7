import frappe


def test_codes_are_upper_case_and_seeded():
	reason = frappe.get_doc(
		{"doctype": "Warranty Rejection Reason", "code": " zz1 ", "title": "Test"}
	).insert()
	assert reason.name == "ZZ1"
	assert frappe.db.get_value("Warranty Rejection Reason", "EXH", "title") == "Excessive hours claimed"
