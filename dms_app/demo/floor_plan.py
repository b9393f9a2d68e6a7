"""Demo floor plan: a lender with two lines and financed vehicles in every state, through the app's
own flows (receipt and OEM invoice naming the line, sale, payoff, delivery), and last month's
interest posted (docs/floor_plan.md).

States: financed in stock; a curtailment overdue (financed 95 days ago, 10 % due at 90 days); sold
awaiting payoff (due in 3 days); sold out of trust (sold 10 days ago, not paid); paid off and
delivered; and a second line near its credit limit. Run once: nothing happens when the demo line
exists. In the Chinese demo the lender is a bank holding the 合格证.
"""

import frappe
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from erpnext.stock.doctype.purchase_receipt.purchase_receipt import make_purchase_invoice
from frappe.utils import add_days, getdate, nowdate

from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.demo.vehicles import demo_vin, ensure_catalogue

LENDER = ("Northwind Motor Finance", "浦东发展银行汽车金融部")
LINES = (
	("Northwind Motor Finance - New Stock", "浦发银行 新车库存融资"),
	("Northwind Motor Finance - Demo Stock", "浦发银行 试驾车融资"),
)
LOAN_ACCOUNT = ("Floor Plan Loan", "库存融资借款")
# state: (vehicles, days since financing, days since the sale or None)
PLAN = {
	"financed": (2, 20, None),
	"curtailment": (1, 95, None),
	"sold": (1, 40, 0),
	"out_of_trust": (1, 60, 10),
	"paid_off": (1, 50, 5),
}


def create(rng) -> dict:
	from dms_app.floor_plan import monthly_interest

	main, near = zh.pick(*LINES[0]), zh.pick(*LINES[1])
	if frappe.db.exists("Floor Plan Line", {"line_name": main}):
		return summary()
	company = frappe.db.get_single_value("DMS Settings", "company")
	lender = ensure(
		"Supplier",
		zh.pick(*LENDER),
		{
			"supplier_name": zh.pick(*LENDER),
			"supplier_group": "Services" if frappe.db.exists("Supplier Group", "Services") else "Distributor",
		},
	)
	loan = loan_account(company)
	lines = {
		key: frappe.get_doc(
			{
				"doctype": "Floor Plan Line",
				"line_name": name,
				"lender": lender,
				"company": company,
				"loan_account": loan,
				"credit_limit": limit,
				"interest_rate": rate,
				"free_days": 15,
				"payoff_days": 3,
				"curtailments": [
					{"days_after_financing": 90, "percent_of_principal": 10},
					{"days_after_financing": 180, "percent_of_principal": 20},
				],
			}
		)
		.insert(ignore_permissions=True)
		.name
		for key, name, limit, rate in (("main", main, 1000000, 6.5), ("near", near, 0, 7.25))
	}
	trim_name, wmi, cost = ensure_catalogue()[0]
	trim = frappe.get_doc("Vehicle Trim", trim_name)
	customers = frappe.get_all("Customer", filters={"customer_group": ("!=", "Fleet")}, pluck="name", limit=5)
	for index, (state, (count, financed_days, sold_days)) in enumerate(PLAN.items()):
		vins = [demo_vin(rng, wmi) for _ in range(count)]
		finance(vins, trim, cost, lines["main"], financed_days)
		for vin in vins:
			if sold_days is not None:
				sell(vin, customers[index % len(customers)], trim.list_price, sold_days, state == "paid_off")
	# the demo-stock line: one vehicle using 95 % of its limit
	vin = demo_vin(rng, wmi)
	frappe.db.set_value("Floor Plan Line", lines["near"], "credit_limit", 10**9)
	finance([vin], trim, cost, lines["near"], 30)
	frappe.db.set_value("Floor Plan Line", lines["near"], "credit_limit", round(cost / 0.95, -2))
	monthly_interest.post_all()
	return summary()


def summary() -> dict:
	return {
		"floor-plan financings": frappe.db.count("Floor Plan Financing", {"docstatus": 1}),
		"floor-plan interest months": frappe.db.count("Floor Plan Interest", {"status": "Posted"}),
	}


def loan_account(company: str) -> str:
	name = zh.pick(*LOAN_ACCOUNT)
	existing = frappe.db.get_value("Account", {"company": company, "account_name": name, "is_group": 0})
	if existing:
		return existing
	parent = frappe.db.get_value(
		"Account",
		{"company": company, "account_name": ("in", ("Loans (Liabilities)", "短期借款")), "is_group": 1},
	) or frappe.db.get_value(
		"Account", {"company": company, "root_type": "Liability", "is_group": 1}, order_by="lft desc"
	)
	if not frappe.db.get_value("Account", parent, "is_group"):  # the Chinese chart's 短期借款 is a ledger
		return parent
	return (
		frappe.get_doc(
			{"doctype": "Account", "account_name": name, "company": company, "parent_account": parent}
		)
		.insert(ignore_permissions=True)
		.name
	)


def finance(vins, trim, cost, line, days_ago):
	"""The OEM's receipt and invoice naming the line, dated `days_ago`: financed and pledged on submit."""
	on = add_days(nowdate(), -days_ago)
	supplier = frappe.db.get_value("Vehicle Make", trim.make, "oem_supplier")
	receipt = frappe.get_doc(
		{
			"doctype": "Purchase Receipt",
			"supplier": supplier,
			"set_posting_time": 1,
			"posting_date": on,
			"floor_plan_line": line,
			"items": [
				{
					"item_code": trim.item,
					"qty": len(vins),
					"rate": cost,
					"warehouse": frappe.db.get_single_value("DMS Settings", "new_vehicle_warehouse"),
					"serial_no": "\n".join(vins),
				}
			],
		}
	)
	receipt.insert(ignore_permissions=True)
	receipt.submit()
	invoice = make_purchase_invoice(receipt.name)
	invoice.update({"set_posting_time": 1, "posting_date": on, "bill_no": f"FP-{vins[0][-8:]}"})
	invoice.flags.ignore_permissions = True
	invoice.insert()
	invoice.submit()


def sell(vin, customer, price, days_ago, deliver):
	on = add_days(nowdate(), -days_ago)
	vehicle = frappe.get_doc("Motor Vehicle", vin)
	order = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer,
			"transaction_date": on,
			"delivery_date": add_days(nowdate(), 10),
			"items": [
				{
					"item_code": vehicle.item,
					"qty": 1,
					"rate": price,
					"vin": vin,
					"warehouse": vehicle.warehouse,
				}
			],
		}
	)
	order.insert(ignore_permissions=True)
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.update({"set_posting_time": 1, "posting_date": on, "due_date": add_days(on, 30)})
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	if not deliver:
		return
	from dms_app.floor_plan.financing import make_payoff, open_financing

	payoff = make_payoff(open_financing(vin), posting_date=add_days(on, 2))
	payoff.insert(ignore_permissions=True)
	payoff.submit()
	frappe.db.set_value("Motor Vehicle", vin, "pdi_status", "Passed")  # delivery needs a passed PDI
	note = make_delivery_note(order.name)
	note.insert(ignore_permissions=True)
	note.submit()


def states() -> dict[str, int]:
	"""How many demo financings are in each state (the demo test checks every one is there)."""
	from dms_app.floor_plan.audit import audit_rows, curtailment_overdue, financings, schedules

	today = getdate(nowdate())
	rows = audit_rows({}) + audit_rows({"status": "Paid Off"})
	open_rows = financings({})
	plans = schedules({f.floor_plan_line for f in open_rows})
	lines = frappe.get_all("Floor Plan Line", fields=["name", "credit_limit"])
	from dms_app.floor_plan.financing import line_usage

	return {
		"financed in stock": sum(1 for r in rows if r["status"] == frappe._("Financed")),
		"curtailment due": sum(
			1 for f in open_rows if curtailment_overdue(f, plans.get(f.floor_plan_line, []), today) > 0
		),
		"sold awaiting payoff": sum(
			1 for r in rows if r["status"] == frappe._("Sold") and not r["out_of_trust"]
		),
		"sold out of trust": sum(r["out_of_trust"] for r in rows),
		"paid off and delivered": sum(
			1
			for r in rows
			if r["status"] == frappe._("Paid Off")
			and frappe.db.get_value("Motor Vehicle", r["vin"], "status") == "Delivered"
		),
		"line near its limit": sum(
			1 for line in lines if line.credit_limit and line_usage(line.name) >= 0.9 * line.credit_limit
		),
		"interest months posted": frappe.db.count("Floor Plan Interest", {"status": "Posted"}),
	}
