"""Test factories for repair orders (used by the service, warranty and portal tests)."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, now_datetime, random_string

from dms_app.tests import factories


def make_employee(user: str | None = None, name: str | None = None) -> str:
	employee = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": name or f"Tech {random_string(5)}",
			"gender": "Male",
			"date_of_birth": "1990-01-01",
			"date_of_joining": "2020-01-01",
			"company": factories.default_company(),
			"status": "Active",
			"user_id": user,
		}
	).insert(ignore_permissions=True)
	return employee.name


def make_technician() -> tuple[str, str]:
	"""A desk user with only the Technician role, and their Employee."""
	user = factories.make_user(roles=("Technician",))
	return user, make_employee(user)


def make_part(qty: float = 10, rate: float = 20, selling: float = 35, warehouse: str | None = None) -> str:
	"""A stock part received into the parts store at `rate`, sold at `selling`."""
	item = factories.make_item(item_group="Parts", standard_rate=selling, valuation_rate=rate)
	if qty:
		receipt = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt",
				"company": factories.default_company(),
				"items": [
					{
						"item_code": item,
						"qty": qty,
						"basic_rate": rate,
						"t_warehouse": warehouse
						or frappe.db.get_single_value("DMS Settings", "parts_warehouse"),
					}
				],
			}
		).insert()
		receipt.submit()
	return item


def make_labour_operation(code: str | None = None, hours: float = 1.5, rate: float = 120) -> str:
	code = code or f"OP-{random_string(6).upper()}"
	if not frappe.db.exists("Labour Operation", code):
		frappe.get_doc(
			{
				"doctype": "Labour Operation",
				"operation_code": code,
				"description": f"Operation {code}",
				"flat_hours": hours,
				"labour_rate": rate,
				"item": frappe.db.get_single_value("DMS Settings", "service_labour_item")
				or factories.make_item(is_stock_item=0),
			}
		).insert(ignore_permissions=True)
	return code


def make_customer_vehicle(customer: str | None = None, odometer: int = 20000) -> str:
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	return factories.make_customer_vehicle(customer, trim=trim, odometer=odometer)


def make_repair_order(
	vehicle: str | None = None,
	customer: str | None = None,
	jobs=None,
	labour=None,
	parts=None,
	sublets=None,
	**fields,
):
	"""An Open repair order; defaults: one customer-pay job with one labour line."""
	customer = customer or factories.make_customer()
	vehicle = vehicle or make_customer_vehicle(customer)
	doc = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vehicle,
			"customer": customer,
			"company": factories.default_company(),
			"promised_time": add_to_date(now_datetime(), hours=6),
			"jobs": jobs or [{"job_no": 1, "concern": "Noise from the front brakes", "pay_type": "Customer"}],
			"labour": labour
			if labour is not None
			else [{"job_no": 1, "labour_operation": make_labour_operation()}],
			"parts": parts or [],
			"sublets": sublets or [],
			**fields,
		}
	)
	doc.insert()
	return doc


def make_mixed_order():
	"""Customer, internal and warranty jobs, each with labour and a part; a customer sublet."""
	parts = {
		key: make_part(qty=5, rate=cost, selling=sell)
		for key, cost, sell in (("c", 20, 35), ("i", 15, 25), ("w", 40, 60))
	}
	op = make_labour_operation(hours=1.5, rate=120)
	employee = make_employee()
	doc = make_repair_order(
		odometer_in=20000,
		jobs=[
			{"job_no": 1, "concern": "Brake noise", "pay_type": "Customer"},
			{"job_no": 2, "concern": "Used-car reconditioning", "pay_type": "Internal"},
			{
				"job_no": 3,
				"concern": "Window regulator failed",
				"pay_type": "Warranty",
				"causal_part": parts["w"],
			},
		],
		labour=[
			{"job_no": 1, "labour_operation": op, "technician": employee},
			{
				"job_no": 2,
				"description": "Valet and check",
				"flat_hours": 1,
				"rate": 100,
				"pay_type": "Internal",
			},
			{
				"job_no": 3,
				"description": "Replace regulator",
				"flat_hours": 2,
				"rate": 100,
				"pay_type": "Warranty",
			},
		],
		parts=[
			{"job_no": 1, "item_code": parts["c"], "qty": 2},
			{"job_no": 2, "item_code": parts["i"], "qty": 1, "pay_type": "Internal"},
			{"job_no": 3, "item_code": parts["w"], "qty": 1, "pay_type": "Warranty"},
		],
		sublets=[
			{
				"job_no": 1,
				"supplier": factories.make_supplier(),
				"description": "Wheel alignment",
				"cost": 30,
				"amount": 50,
			}
		],
	)
	return frappe._dict(doc=doc, parts=parts, employee=employee, op=op)


def act(name: str, action: str):
	"""Take a workflow action on the repair order, as its desk button does."""
	return apply_workflow(frappe.get_doc("Repair Order", name), action)


def amend(name: str):
	"""Amend a cancelled repair order as the desk's Amend does: a copy whose rows know the rows
	they were copied from, saved."""
	cancelled = frappe.get_doc("Repair Order", name)
	amendment = frappe.copy_doc(cancelled)
	amendment.amended_from = name
	amendment.docstatus = 0
	for table in ("jobs", "labour", "parts", "sublets", "inspection"):
		for row, source in zip(amendment.get(table), cancelled.get(table), strict=True):
			row._amended_from = source.name
	return amendment.insert()
