"""The floor-plan alerts (registered in the app's alert registry; switched and tuned in DMS Settings >
Alerts, one row each, the threshold on the row):

- curtailments due: an open financing whose next unpaid curtailment (Floor Plan Line's schedule) falls
  due within the threshold's days (state "due") or has passed (state "overdue");
- sold out of trust: sold, not paid off, and past the payoff due date (threshold 0) or more than the
  threshold's days after the sale;
- credit line used: a line whose principal outstanding is at least the threshold % of its credit
  limit (state "over <threshold> %", or "over the limit");
- certificate not located: (a) an open financing whose certificate is not at the Bank pledged to its
  lender (no record, no location, Not Located, In Transit, or anywhere else); (b) a vehicle in stock
  whose certificate is Not Located, or In Transit for longer than the threshold's days.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, get_datetime, getdate, now_datetime, nowdate

from dms_app.alerts.registry import AlertItem, alert
from dms_app.floor_plan import terms

CURTAILMENT_DUE = "Floor-plan curtailments due"
SOLD_OUT_OF_TRUST = "Vehicles sold out of trust"
CREDIT_LINE_USED = "Floor-plan credit line nearly used"
CERTIFICATE_NOT_LOCATED = "Certificates not located"
FINANCING = "Floor Plan Financing"
REQUIRES = (FINANCING, "Floor Plan Line", "Vehicle Document")


def open_financings(fields: list[str]) -> list:
	return frappe.get_all(
		FINANCING,
		filters={"docstatus": 1, "status": ("in", ("Financed", "Sold"))},
		fields=["name", "vin", *fields],
		order_by="financed_on, name",
	)


@alert(
	CURTAILMENT_DUE,
	threshold=7,
	unit="days before a curtailment is due",
	role="Accounts Manager",
	resend_after_days=3,
	requires=REQUIRES,
)
def curtailments_due(threshold):
	today = getdate(nowdate())
	horizon = add_days(today, cint(threshold))
	schedules = {}
	items = []
	for f in open_financings(["floor_plan_line", "lender", "principal", "paid_principal", "financed_on"]):
		if f.floor_plan_line not in schedules:
			schedules[f.floor_plan_line] = sorted(
				frappe.get_all(
					"Floor Plan Curtailment",
					filters={"parent": f.floor_plan_line, "parenttype": "Floor Plan Line"},
					fields=["days_after_financing", "percent_of_principal"],
					as_list=True,
				)
			)
		schedule = schedules[f.floor_plan_line]
		for days, _pct in schedule:
			due = terms.curtailment_due(flt(f.principal), schedule, days) - flt(f.paid_principal)
			if due <= 0.005:
				continue
			due_on = add_days(getdate(f.financed_on), days)
			if getdate(due_on) <= getdate(horizon):
				overdue = getdate(due_on) < today
				items.append(
					AlertItem(
						FINANCING,
						f.name,
						_("{0}: curtailment of {1} to {2} due {3}").format(
							f.vin, flt(due, 2), f.lender, due_on
						),
						state="overdue" if overdue else "due",
						period=str(days),  # each step of the schedule is its own alert
					)
				)
			break  # only the first unpaid step
	return items


@alert(
	SOLD_OUT_OF_TRUST,
	threshold=0,
	unit="days after sale (0: the line's payoff due date)",
	role="Accounts Manager",
	resend_after_days=1,
	requires=REQUIRES,
)
def sold_out_of_trust(threshold):
	today = getdate(nowdate())
	items = []
	for f in open_financings(["lender", "sold_on", "payoff_due_date", "outstanding_principal"]):
		if not f.sold_on:
			continue
		due_on = add_days(getdate(f.sold_on), cint(threshold)) if cint(threshold) else f.payoff_due_date
		if not due_on or getdate(due_on) >= today:
			continue
		items.append(
			AlertItem(
				FINANCING,
				f.name,
				_("{0} sold {1}, {2} still owed to {3} (due {4})").format(
					f.vin, f.sold_on, flt(f.outstanding_principal, 2), f.lender, due_on
				),
				state="out of trust",
				period=str(f.sold_on),  # a new sale is a new occurrence
			)
		)
	return items


@alert(
	CREDIT_LINE_USED,
	threshold=90,
	unit="% of the credit limit used",
	role="Accounts Manager",
	resend_after_days=7,
	requires=REQUIRES,
)
def credit_line_used(threshold):
	from dms_app.floor_plan.financing import line_usage

	percent = flt(threshold) or 90
	items = []
	for line in frappe.get_all(
		"Floor Plan Line",
		filters={"disabled": 0, "credit_limit": (">", 0)},
		fields=["name", "lender", "credit_limit"],
		order_by="name",
	):
		used = line_usage(line.name)
		share = used * 100 / flt(line.credit_limit)
		if share + 1e-9 < percent:
			continue
		items.append(
			AlertItem(
				"Floor Plan Line",
				line.name,
				_("{0} ({1}): {2} of {3} used ({4} %)").format(
					line.name, line.lender, flt(used, 2), flt(line.credit_limit, 2), flt(share, 1)
				),
				state="over the limit" if share > 100 + 1e-9 else f"over {flt(percent)} %",
			)
		)
	return items


@alert(
	CERTIFICATE_NOT_LOCATED,
	threshold=3,
	unit="days in transit",
	role="Accounts Manager",
	resend_after_days=3,
	requires=REQUIRES,
)
def certificates_not_located(threshold):
	from dms_app.vehicles import documents

	kind = documents.certificate_type()
	cutoff = get_datetime(add_days(now_datetime(), -cint(threshold)))
	items = []
	seen = set()
	financed = open_financings(["lender"])
	certs = {
		d.vin: d
		for d in frappe.db.sql(
			"""select d.vin, d.location, d.pledged_to, d.floor_plan_financing, m.moved_on
			from `tabVehicle Document` d
			left join `tabVehicle Document Movement` m on m.name = d.last_movement
			where d.document_type = %s""",
			kind,
			as_dict=True,
		)
	}
	for f in financed:
		cert = certs.get(f.vin)
		if cert and cert.location == "Bank" and cert.pledged_to == f.lender:
			continue
		where = _(cert.location) if cert and cert.location else _("Not Located")
		seen.add(f.vin)
		items.append(
			AlertItem(
				"Motor Vehicle",
				f.vin,
				_("{0}: financed by {1}, its {2} is {3}, not with the lender").format(
					f.vin, f.lender, _(kind), where
				),
				state=(cert.location if cert else "") or "Not Located",
			)
		)
	in_stock = set(
		frappe.get_all("Motor Vehicle", filters={"status": ("in", ("In Stock", "Reserved"))}, pluck="name")
	)
	for vin, cert in certs.items():
		if vin in seen or vin not in in_stock:
			continue
		lost = cert.location == "Not Located"
		late = cert.location == "In Transit" and cert.moved_on and get_datetime(cert.moved_on) < cutoff
		if lost or late:
			items.append(
				AlertItem(
					"Motor Vehicle",
					vin,
					_("{0}: its {1} is {2}").format(
						vin,
						_(kind),
						_("Not Located") if lost else _("In Transit since {0}").format(cert.moved_on),
					),
					state=cert.location,
				)
			)
	return items
