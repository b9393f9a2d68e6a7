"""Demo vehicle sales: consultants, leads with vehicles of interest and follow-ups, test drives, a
trade-in, and deals at every stage (open, waiting for approval, quoted, delivered with trade-in and
finance), all through ERPNext's selling documents."""

import frappe
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note, make_sales_invoice
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, get_datetime, nowdate

from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.demo.vehicles import demo_vin
from dms_app.vehicle_sales import crm
from dms_app.vehicle_sales import deal as deal_logic

USERS = (
	("grace.lee@northwind.example", "Grace", ("Sales Consultant", "Sales User")),
	("omar.haddad@northwind.example", "Omar", ("Sales Consultant", "Sales User")),
	("ruth.becker@northwind.example", "Ruth", ("Sales Manager", "Sales User")),
)
FI_PRODUCTS = (("FI-GAP", "GAP insurance"), ("FI-EXTWTY-3Y", "Extended warranty, 3 years"))
ACCESSORIES = (("ACC-MATS", "All-weather floor mats"), ("ACC-TOWBAR", "Detachable tow bar"))
PROSPECTS = ("Harriet Cole", "Ivan Petrov", "Keiko Sato", "Luis Romero", "Nadia Farouk", "Peter Olsen")


def ensure_user(email, first_name, roles):
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"send_welcome_email": 0,
				"language": zh.pick(None, zh.LANGUAGE),
			}
		).insert(ignore_permissions=True)
		user.add_roles(*roles)
	return email


def ensure_items():
	for code, name in FI_PRODUCTS:
		ensure(
			"Item",
			code,
			{"item_code": code, "item_name": name, "item_group": "F&I Products", "is_stock_item": 0},
		)
	for code, name in ACCESSORIES:
		ensure(
			"Item",
			code,
			{"item_code": code, "item_name": name, "item_group": "All Item Groups", "is_stock_item": 0},
		)


def create(rng) -> dict:
	if frappe.db.count("Vehicle Deal"):
		return {"vehicle deals": frappe.db.count("Vehicle Deal")}
	company = frappe.db.get_single_value("DMS Settings", "company")
	grace, omar, ruth = (ensure_user(*u) for u in zh.pick(USERS, zh.USERS))
	ensure_items()
	lender_name = zh.pick("Northwind Auto Finance", zh.LENDER)
	lender = ensure(
		"Customer",
		lender_name,
		{
			"customer_name": lender_name,
			"customer_type": "Company",
			"customer_group": "Commercial",
			"territory": "All Territories",
		},
	)
	stock = frappe.get_all(
		"Motor Vehicle",
		filters={"status": "In Stock", "stock_type": "New", "company": company},
		fields=["name", "model"],
		order_by="name",
		limit=8,
	)
	if len(stock) < 6:
		return {"vehicle deals": 0}
	tax = frappe.db.get_value("Sales Taxes and Charges Template", {"company": company, "is_default": 1})

	leads = []
	for i, name in enumerate(zh.pick(PROSPECTS, zh.PROSPECTS)):
		# a Chinese prospect leaves a mobile number, under the full name
		first, last = (name, None) if zh.active() else name.split()
		lead = frappe.get_doc(
			{
				"doctype": "Lead",
				"first_name": first,
				"last_name": last,
				"lead_owner": (grace, omar)[i % 2],
				**(
					{"mobile_no": zh.mobile(name), "language": zh.LANGUAGE}
					if zh.active()
					else {"email_id": f"{first.lower()}.{last.lower()}@example.com"}
				),
				"vehicles_of_interest": [
					{
						"model": stock[i].model,
						"vin": stock[i].name,
						"budget": rng.choice((30000, 40000, 50000)),
					}
				],
			}
		).insert(ignore_permissions=True)
		leads.append(lead)
		crm.schedule_follow_up(
			"Lead",
			lead.name,
			add_days(nowdate(), 1 + i % 3),
			zh.pick(f"Call {first} about the {stock[i].model}", f"致电{first}跟进{stock[i].model}"),
			lead.lead_owner,
		)

	start = get_datetime(f"{add_days(nowdate(), 1)} 10:00:00")
	for i, lead in enumerate(leads[:3]):
		frappe.get_doc(
			{
				"doctype": "Test Drive",
				"vehicle": stock[i].name,
				"lead": lead.name,
				"driver_name": lead.lead_name,
				"sales_person": lead.lead_owner,
				"licence_number": f"DL{rng.randrange(10**7):07d}",
				"licence_expiry": add_days(nowdate(), 400 + 100 * i),
				"start_time": add_to_date(start, hours=2 * i),
				"end_time": add_to_date(start, hours=2 * i + 1),
			}
		).insert(ignore_permissions=True)

	def customer_of(lead):
		customer = frappe.db.get_value("Customer", {"lead_name": lead.name})
		if customer:
			return customer
		return (
			frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": lead.lead_name,
					"customer_type": "Individual",
					"lead_name": lead.name,
					"customer_group": "Individual",
					"territory": "All Territories",
					**({"mobile_no": lead.mobile_no, "language": zh.LANGUAGE} if zh.active() else {}),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def new_deal(lead, vehicle, **fields):
		price = frappe.db.get_value("Motor Vehicle", vehicle.name, "list_price")
		return frappe.get_doc(
			{
				"doctype": "Vehicle Deal",
				"company": company,
				"lead": lead.name,
				"customer": customer_of(lead),
				"sales_person": lead.lead_owner,
				"vin": vehicle.name,
				"vehicle_price": price,
				"taxes_and_charges": tax,
				**fields,
			}
		).insert(ignore_permissions=True)

	# open: a worksheet with accessories and a small discount
	new_deal(
		leads[0],
		stock[3],
		discount_amount=500,
		items=[{"line_type": "Accessory", "item_code": "ACC-MATS", "rate": 180}],
	)
	# over the discount limit: waiting for the sales manager
	big = new_deal(leads[1], stock[4])
	big.discount_amount = round(big.vehicle_price * 0.08)
	big.save(ignore_permissions=True)
	apply_workflow(big, "Request Approval")
	# quoted
	quoted = new_deal(
		leads[2],
		stock[5],
		discount_amount=750,
		items=[{"line_type": "F&I Product", "item_code": "FI-EXTWTY-3Y", "rate": 1290}],
	)
	apply_workflow(quoted, "Approve")
	deal_logic.make_quotation(quoted.name).submit()
	# delivered: trade-in and finance, PDI, delivery and handover
	buyer = customer_of(leads[3])
	appraisal = frappe.get_doc(
		{
			"doctype": "Trade-in Appraisal",
			"customer": buyer,
			"vin": demo_vin(rng, zh.pick("WVW", "LSV")),
			"odometer": 96500,
			"colour": zh.pick("Silver Metallic", zh.COLOURS[5]),
			"overall_condition": "Good",
			"appraised_value": 8500,
			"appraiser": ruth,
		}
	)
	appraisal.insert(ignore_permissions=True)
	for row in appraisal.condition_items:
		row.rating = rng.choice(("Good", "Good", "Fair"))
	appraisal.condition_items[0].repair_estimate = 420
	appraisal.save(ignore_permissions=True)
	appraisal.submit()
	sold = new_deal(
		leads[3],
		stock[6] if len(stock) > 6 else stock[5],
		discount_amount=1000,
		trade_in=appraisal.name,
		deposit=2500,
		payment_method="Finance",
		lender=lender,
		term_months=60,
		apr=6.9,
		items=[
			{"line_type": "Fee", "item_code": "DMS-REG-FEE", "rate": 350},
			{"line_type": "F&I Product", "item_code": "FI-GAP", "rate": 695},
		],
	)
	apply_workflow(sold, "Approve")
	deal_logic.make_quotation(sold.name).submit()
	order = deal_logic.make_sales_order(sold.name)
	order.submit()
	invoice = make_sales_invoice(order.name)
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	pdi = frappe.get_doc({"doctype": "PDI Checklist", "vin": sold.vin}).insert(ignore_permissions=True)
	for row in pdi.items:
		row.result = "Pass"
	pdi.save(ignore_permissions=True)
	pdi.submit()
	note = make_delivery_note(order.name)
	note.insert(ignore_permissions=True)
	note.submit()
	frappe.get_doc(
		{
			"doctype": "Vehicle Handover",
			"delivery_note": note.name,
			"vin": sold.vin,
			"odometer": 15,
			"owner_manual_handed": 1,
			"service_book_handed": 1,
			"certificate_handed": 1,
			"features_explained": 1,
		}
	).insert(ignore_permissions=True).submit()
	# one lost
	lost = new_deal(leads[5], stock[1])
	deal_logic.mark_lost(lost.name, zh.pick("Chose a competitor's offer", "选择了竞争对手的报价"))
	return {
		"vehicle deals": frappe.db.count("Vehicle Deal"),
		"test drives": frappe.db.count("Test Drive"),
		"trade-ins": frappe.db.count("Trade-in Appraisal"),
	}
