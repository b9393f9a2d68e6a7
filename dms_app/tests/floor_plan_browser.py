"""Data for the Floor Plan Audit browser test (tests/browser/test_floor_plan_browser.py), made on the
served site through Frappe's CLI (which commits) and removed again by tag: a lender line of its own
with two financed vehicles (certificates pledged at the bank, one's keys in the safe, one sold out of
trust) and an accountant who opens the report."""

import frappe
from frappe.utils import add_days, nowdate
from frappe.utils.password import update_password

from dms_app.tests import factories
from dms_app.tests import floor_plan as fp

PASSWORD = "FloorPlan-Browser-2026"
ROLES = ("Accounts Manager", "Accounts User")


def _names(tag: str) -> frappe._dict:
	return frappe._dict(user=f"floorplan-{tag}@example.com", lender=f"Audit Bank {tag}")


def setup(tag: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	trim = factories.make_vehicle_trim(list_price=30000)
	line = fp.make_line(credit_limit=100000, lender=factories.make_supplier(names.lender))
	vins = [factories.make_vin(), factories.make_vin()]
	receipt, invoice = fp.receive_financed(vins, trim, line, rate=24500)
	keys = frappe.get_doc(
		{
			"doctype": "Vehicle Document Movement",
			"vin": vins[0],
			"document_type": "Keys",
			"to_location": "Safe",
			"reason": tag,
		}
	).insert(ignore_permissions=True)
	keys.submit()
	sold = fp.financing_of(vins[1])
	sold.db_set(
		{
			"sold_on": add_days(nowdate(), -9),
			"payoff_due_date": add_days(nowdate(), -6),
			"status": "Sold",
		}
	)
	factories.make_user(names.user, roles=ROLES)
	update_password(names.user, PASSWORD)
	return {
		"user": names.user,
		"password": PASSWORD,
		"lender": names.lender,
		"line": line,
		"vins": vins,
		"trim": trim,
		"receipt": receipt.name,
		"invoice": invoice.name,
	}


def teardown(tag: str, vins: list[str], line: str, trim: str, receipt: str, invoice: str) -> dict:
	frappe.set_user("Administrator")
	names = _names(tag)
	journals = []
	for name in frappe.get_all("Floor Plan Financing", filters={"vin": ("in", vins)}, pluck="name"):
		journals.append(frappe.db.get_value("Floor Plan Financing", name, "journal_entry"))
	invoices, receipts = [invoice], [receipt]
	for name in set(invoices):
		doc = frappe.get_doc("Purchase Invoice", name)
		if doc.docstatus == 1:
			doc.flags.ignore_permissions = True
			doc.cancel()  # cancels the financings and their entries
	for name in receipts:
		doc = frappe.get_doc("Purchase Receipt", name)
		if doc.docstatus == 1:
			doc.flags.ignore_permissions = True
			doc.cancel()
	for doctype in ("Vehicle Document Movement", "Vehicle Document", "Floor Plan Financing"):
		frappe.db.delete(doctype, {"vin": ("in", vins)})
	for doctype, names_ in (
		("Journal Entry", [j for j in journals if j]),
		("Purchase Invoice", list(set(invoices))),
		("Purchase Receipt", receipts),
	):
		for name in names_:
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True, delete_permanently=True)
	frappe.delete_doc("Floor Plan Line", line, force=1, ignore_permissions=True)
	for vin in vins:
		frappe.db.delete("Serial No", {"name": vin})
		frappe.delete_doc("Motor Vehicle", vin, force=1, ignore_permissions=True)
	for doctype, name in (("Supplier", names.lender), ("User", names.user)):
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=1, ignore_permissions=True)
	return {"removed": len(vins)}
