"""Test factories for floor-plan financing and vehicle documents (inside the test's transaction)."""

import frappe
from erpnext.stock.doctype.purchase_receipt.purchase_receipt import make_purchase_invoice
from frappe.utils import flt, random_string

from dms_app.tests import factories


def group_account(company: str, account_name: str) -> str:
	return frappe.db.get_value("Account", {"company": company, "account_name": account_name, "is_group": 1})


def loan_account(company: str | None = None) -> str:
	company = company or factories.default_company()
	abbr = frappe.get_cached_value("Company", company, "abbr")
	name = f"Test Floor Plan Loan - {abbr}"
	if not frappe.db.exists("Account", name):
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": "Test Floor Plan Loan",
				"parent_account": group_account(company, "Loans (Liabilities)")
				or group_account(company, "Current Liabilities"),
				"company": company,
			}
		).insert()
	return name


def bank_account(company: str | None = None) -> str:
	company = company or factories.default_company()
	return frappe.db.get_value(
		"Account", {"company": company, "account_type": "Bank", "is_group": 0}, "name"
	) or frappe.get_cached_value("Company", company, "default_cash_account")


def make_line(credit_limit: float = 100000, **fields) -> str:
	company = factories.default_company()
	return (
		frappe.get_doc(
			{
				"doctype": "Floor Plan Line",
				"line_name": f"Test Line {random_string(6)}",
				"lender": fields.pop("lender", None) or factories.make_supplier("Test Floor Plan Bank"),
				"company": company,
				"loan_account": loan_account(company),
				"credit_limit": credit_limit,
				"interest_rate": 6,
				"free_days": 30,
				"payoff_days": 3,
				"curtailments": [{"days_after_financing": 90, "percent_of_principal": 10}],
				**fields,
			}
		)
		.insert()
		.name
	)


def receive_financed(vins: list[str], trim: str, line: str | None, rate: float = 25000):
	"""Receive the VINs naming the line, then submit the OEM's Purchase Invoice made from the receipt."""
	receipt = factories.receive_vehicles(vins, trim, rate=rate, submit=False)
	receipt.floor_plan_line = line
	receipt.save()
	receipt.submit()
	invoice = make_purchase_invoice(receipt.name)
	invoice.bill_no = random_string(8)
	invoice.insert()
	invoice.submit()
	return receipt, invoice


def financing_of(vin: str, docstatus: int = 1):
	name = frappe.db.get_value("Floor Plan Financing", {"vin": vin, "docstatus": docstatus})
	return frappe.get_doc("Floor Plan Financing", name) if name else None


def certificate(vin: str):
	from dms_app.vehicles import documents

	name = documents.name_of(vin, documents.certificate_type())
	return frappe.get_doc("Vehicle Document", name) if frappe.db.exists("Vehicle Document", name) else None


def gl(account: str, voucher_no: str | None = None, against_voucher: str | None = None) -> float:
	filters = {"account": account, "is_cancelled": 0}
	if voucher_no:
		filters["voucher_no"] = voucher_no
	if against_voucher:
		filters["against_voucher"] = against_voucher
	row = frappe.get_all("GL Entry", filters=filters, fields=["sum(debit) as dr", "sum(credit) as cr"])[0]
	return round(flt(row.dr) - flt(row.cr), 2)


def pay_off(financing: str, amount: float | None = None, posting_date=None):
	from dms_app.floor_plan.financing import make_payoff

	journal = make_payoff(financing, bank_account(), amount, posting_date)
	journal.insert()
	journal.submit()
	return journal
