"""What the floor-plan reports show, from the submitted financings (one definition for the audit list,
the line usage and the demo's checks).

- days financed = (paid off on, else today) - financed on;
- curtailment overdue: the schedule's principal due by today (`terms.curtailment_due`) is more than the
  principal paid;
- sold out of trust: status Sold and the payoff due date passed;
- certificate / keys: where the vehicle's Vehicle Document of that type is (no record: Not Located).
"""

import frappe
from frappe import _
from frappe.utils import flt, getdate, nowdate

from dms_app.floor_plan import terms
from dms_app.vehicles import documents

OPEN_STATUSES = ("Financed", "Sold")
KEYS = "Keys"


def financings(filters) -> list:
	filters = frappe._dict(filters or {})
	conditions = {"docstatus": 1}
	conditions["status"] = filters.status or ("in", OPEN_STATUSES)
	for field in ("company", "lender", "floor_plan_line"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	return frappe.get_all(
		"Floor Plan Financing",
		filters=conditions,
		fields=[
			"name",
			"vin",
			"floor_plan_line",
			"lender",
			"company",
			"principal",
			"paid_principal",
			"outstanding_principal",
			"financed_on",
			"sold_on",
			"payoff_due_date",
			"paid_off_on",
			"status",
		],
		order_by="lender, floor_plan_line, financed_on, vin",
	)


def schedules(lines) -> dict[str, list[tuple[int, float]]]:
	result = {line: [] for line in lines}
	for line, days, pct in frappe.get_all(
		"Floor Plan Curtailment",
		filters={"parent": ("in", list(lines) or [""]), "parenttype": "Floor Plan Line"},
		fields=["parent", "days_after_financing", "percent_of_principal"],
		as_list=True,
	):
		result[line].append((days, pct))
	return result


def is_out_of_trust(f, today) -> bool:
	return f.status == "Sold" and bool(f.payoff_due_date) and getdate(f.payoff_due_date) < today


def curtailment_overdue(f, schedule, today) -> float:
	"""Principal the schedule wanted repaid by today and not paid yet."""
	days = (today - getdate(f.financed_on)).days
	return max(round(terms.curtailment_due(flt(f.principal), schedule, days) - flt(f.paid_principal), 2), 0)


def audit_rows(filters) -> list[dict]:
	today = getdate(nowdate())
	rows = financings(filters)
	if not rows:
		return []
	vins = [f.vin for f in rows]
	vehicles = {
		v.name: v
		for v in frappe.get_all(
			"Motor Vehicle", filters={"name": ("in", vins)}, fields=["name", "model", "status", "warehouse"]
		)
	}
	kind = documents.certificate_type()
	docs = {
		(d.vin, d.document_type): d
		for d in frappe.get_all(
			"Vehicle Document",
			filters={"vin": ("in", vins), "document_type": ("in", (kind, KEYS))},
			fields=["vin", "document_type", "location", "holder"],
		)
	}
	plans = schedules({f.floor_plan_line for f in rows})
	data = []
	for f in rows:
		vehicle = vehicles.get(f.vin) or frappe._dict()
		cert = docs.get((f.vin, kind)) or frappe._dict()
		keys = docs.get((f.vin, KEYS)) or frappe._dict()
		end = getdate(f.paid_off_on) if f.paid_off_on else today
		data.append(
			{
				"vin": f.vin,
				"model": vehicle.model,
				"vehicle_status": _(vehicle.status) if vehicle.status else "",
				"warehouse": vehicle.warehouse,
				"lender": f.lender,
				"floor_plan_line": f.floor_plan_line,
				"financing": f.name,
				"financed_on": f.financed_on,
				"days_financed": (end - getdate(f.financed_on)).days,
				"principal": f.principal,
				"outstanding_principal": f.outstanding_principal,
				"status": _(f.status),
				"payoff_due_date": f.payoff_due_date,
				"curtailment_overdue": curtailment_overdue(f, plans.get(f.floor_plan_line, []), today)
				if f.status in OPEN_STATUSES
				else 0,
				"out_of_trust": 1 if is_out_of_trust(f, today) else 0,
				"certificate_location": _(cert.location or "Not Located"),
				"certificate_holder": cert.holder,
				"keys_location": _(keys.location) if keys.location else "",
			}
		)
	return data


def usage_rows(filters) -> list[dict]:
	from dms_app.floor_plan.financing import line_usage

	filters = frappe._dict(filters or {})
	today = getdate(nowdate())
	conditions = {}
	for field in ("company", "lender"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	lines = frappe.get_all(
		"Floor Plan Line",
		filters=conditions,
		fields=["name", "lender", "company", "credit_limit", "interest_rate", "disabled"],
		order_by="lender, name",
	)
	open_by_line = {}
	for f in financings({"company": filters.company, "lender": filters.lender}):
		open_by_line.setdefault(f.floor_plan_line, []).append(f)
	plans = schedules([line.name for line in lines])
	data = []
	for line in lines:
		used = line_usage(line.name)
		limit = flt(line.credit_limit)
		open_rows = open_by_line.get(line.name, [])
		data.append(
			{
				"floor_plan_line": line.name,
				"lender": line.lender,
				"company": line.company,
				"interest_rate": line.interest_rate,
				"credit_limit": limit,
				"used": used,
				"available": limit - used,
				"percent_used": round(used * 100 / limit, 1) if limit else 0,
				"vehicles": len(open_rows),
				"overdue_curtailments": sum(
					1 for f in open_rows if curtailment_overdue(f, plans.get(line.name, []), today) > 0
				),
				"out_of_trust": sum(1 for f in open_rows if is_out_of_trust(f, today)),
			}
		)
	return data
