"""Test factories for warranty: a covered customer vehicle, its make's policies and OEM terms, claims."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, nowdate

from dms_app.tests import factories, workflows
from dms_app.tests.factories import default_company, make_customer, make_item, make_vehicle_trim


def make_warranty_make(
	make: str = "Honda", labour_rate: float = 120, handling: float = 10, window_days: int = 30
) -> str:
	"""The make's Basic (36 months / 100,000 km) and Powertrain (60 / 160,000) policies and OEM terms."""
	make_vehicle_trim(make, "Accord")
	oem = make_customer(f"{make} Warranty OEM", customer_type="Company")
	for group, months, km in (("Basic", 36, 100_000), ("Powertrain", 60, 160_000)):
		name = f"{make} {group} test"
		if not frappe.db.exists("Warranty Policy", name):
			frappe.get_doc(
				{
					"doctype": "Warranty Policy",
					"policy_name": name,
					"make": make,
					"component_group": group,
					"months": months,
					"distance_km": km,
				}
			).insert()
	if frappe.db.exists("Warranty OEM Terms", make):
		frappe.delete_doc("Warranty OEM Terms", make)
	frappe.get_doc(
		{
			"doctype": "Warranty OEM Terms",
			"make": make,
			"oem_customer": oem,
			"labour_rate": labour_rate,
			"parts_handling_percent": handling,
			"submission_window_days": window_days,
		}
	).insert()
	return oem


def make_customer_vehicle(
	make: str = "Honda", warranty_start: str | None = None, odometer: int = 20_000, months_old: int = 12
) -> str:
	"""A customer's vehicle (not dealer stock) whose warranty started `months_old` months ago."""
	return factories.make_customer_vehicle(
		trim=make_vehicle_trim(make, "Accord"),
		odometer=odometer,
		warranty_start_date=warranty_start or add_months(nowdate(), -months_old),
	)


def make_claim(
	vin: str,
	labour: tuple = ((1.5, None),),
	parts: tuple = ((100.0, 2),),
	sublet: tuple = (50.0,),
	submit: bool = False,
	causal_part: str | None = None,
	**fields,
):
	"""A claim: labour (hours, rate or None for the OEM rate), parts (dealer net, qty), sublet costs."""
	today = nowdate()
	causal = causal_part or make_item(valuation_rate=parts[0][0] if parts else 10)
	claim = frappe.get_doc(
		{
			"doctype": "OEM Warranty Claim",
			"company": default_company(),
			"vin": vin,
			"failure_date": add_days(today, -2),
			"repair_completed_on": today,
			"odometer": 20_000,
			"causal_part": causal,
			"failure_code": "P0300",
			"condition": "Engine misfires under load",
			"cause": "Ignition coil 3 failed",
			"correction": "Replaced ignition coil 3",
			"labour": [
				{
					"labour_operation": None,
					"description": "Replace coil",
					"warranty_hours": hours,
					"labour_rate": rate,
				}
				for hours, rate in labour
			],
			"parts": [
				{"item_code": causal if i == 0 else make_item(), "qty": qty, "dealer_net_rate": net}
				for i, (net, qty) in enumerate(parts)
			],
			"sublets": [{"description": "Diagnostic at specialist", "cost": cost} for cost in sublet],
			**fields,
		}
	)
	claim.insert()
	if submit:
		workflows.submit(claim)
	return claim


def respond(claim, action: str, **values):
	"""Answer a submitted claim the way the desk does: save the OEM's values, then take the workflow
	`action` (Accept, Partially Accept, Reject, Resubmit, Record Credit, Write Off)."""
	claim.reload()
	if values:
		claim.update(values)
		claim.save()
	apply_workflow(claim, action)
	claim.reload()
	return claim


def gl_balance(voucher_no: str, account: str) -> float:
	rows = frappe.get_all(
		"GL Entry",
		filters={"voucher_no": voucher_no, "account": account, "is_cancelled": 0},
		fields=["sum(debit) - sum(credit) as balance"],
	)
	return float(rows[0].balance or 0)


def claim_vouchers(claim) -> dict[str, list[str]]:
	"""Every submitted entry booked for the claim, by doctype: its invoice to the OEM and whatever
	pays or writes the invoice off, linked from the claim or not."""
	invoice = claim.sales_invoice
	return {
		"Sales Invoice": frappe.get_all("Sales Invoice", {"po_no": claim.name, "docstatus": 1}, pluck="name"),
		"Payment Entry": frappe.get_all(
			"Payment Entry Reference",
			{"reference_doctype": "Sales Invoice", "reference_name": invoice, "docstatus": 1},
			pluck="parent",
		),
		"Journal Entry": frappe.get_all(
			"Journal Entry Account",
			{"reference_type": "Sales Invoice", "reference_name": invoice, "docstatus": 1},
			pluck="parent",
		),
	}


def claim_ledger(claim) -> dict[str, float]:
	"""{account: debit - credit} over the GL entries of every entry booked for the claim, to the cent."""
	vouchers = [name for names in claim_vouchers(claim).values() for name in names]
	if not vouchers:
		return {}
	rows = frappe.get_all(
		"GL Entry",
		filters={"voucher_no": ("in", vouchers), "is_cancelled": 0},
		fields=["account", "sum(debit) - sum(credit) as balance"],
		group_by="account",
	)
	return {row.account: round(float(row.balance), 2) for row in rows if round(float(row.balance), 2)}


def make_labour_operation(
	code: str | None = None, flat_hours: float = 1.0, warranty_hours: float = 0.8
) -> str:
	code = code or f"WTY-OP-{frappe.generate_hash(length=6).upper()}"
	if not frappe.db.exists("Labour Operation", code):
		frappe.get_doc(
			{
				"doctype": "Labour Operation",
				"operation_code": code,
				"description": "Replace ignition coil",
				"item": make_item(is_stock_item=0),
				"flat_hours": flat_hours,
				"warranty_flat_hours": warranty_hours,
				"labour_rate": 95,
			}
		).insert()
	return code


def make_repair_order(vin: str, jobs: list[dict] | None = None, **fields):
	"""An open repair order on `vin` (Repair Order belongs to dms_app/service)."""
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vin,
			"company": default_company(),
			"odometer_in": 20_000,
			"jobs": jobs or [{"job_no": 1, "concern": "Misfire", "pay_type": "Warranty"}],
			**fields,
		}
	)
	order.insert()
	return order
