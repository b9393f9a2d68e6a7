"""Next service due on Motor Vehicles, from the Service Interval of their model or make (or the
DMS Settings default); the maths is dms_app.service.intervals.

- `on_vehicle_validate` (doc_event) keeps next_service_* in step with last_service_* on every save;
- `record_service(vin, date, odometer)` is what a completed repair order calls;
- `refresh(vin)` recomputes one vehicle without saving it (e.g. after an interval changed);
- `vehicles_due(within_days, within_km)` lists customer vehicles due soon (alerts, reminders).
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, nowdate

from dms_app.service.appointments import OPEN, settings
from dms_app.service.intervals import (
	KM_PER_MILE,
	Interval,
	NextDue,
	daily_distance,
	due_reason,
	next_due,
)


def interval_for(make: str | None, model: str | None) -> Interval:
	"""The model's interval, else its make's (a row without model), else the DMS Settings default."""
	row = None
	if model:
		row = frappe.db.get_value(
			"Service Interval", {"model": model}, ["months", "distance_km"], as_dict=True
		)
	if not row and make:
		row = frappe.db.get_value(
			"Service Interval",
			{"make": make, "model": ("is", "not set")},
			["months", "distance_km"],
			as_dict=True,
		)
	if row:
		return Interval(cint(row.months), cint(row.distance_km))
	config = settings()
	return Interval(cint(config.service_interval_months), cint(config.service_interval_km))


def compute(vehicle, interval: Interval | None = None) -> NextDue:
	"""Next due for a Motor Vehicle (doc or dict), counted from its last service or, before the
	first one, from its warranty start or delivery to the customer.

	The odometer read 0 at the warranty start, and at delivery only if the dealer sold the car new:
	a used car's reading at delivery is not recorded, so it gets no mileage limit (and no daily
	distance) until its first service here. `interval`: the vehicle's, when the caller already has it
	(an import of many vehicles looks it up once per model)."""
	start = vehicle.get("warranty_start_date") or vehicle.get("delivery_date")
	start = getdate(start) if start else None
	start_odometer = 0
	if not vehicle.get("warranty_start_date") and vehicle.get("stock_type") == "Used":
		start_odometer = None
	if vehicle.get("last_service_date"):
		last_date = getdate(vehicle.get("last_service_date"))
		last_odometer = cint(vehicle.get("last_service_odometer"))
		per_day = None if start_odometer is None else daily_distance(start, 0, last_date, last_odometer)
	elif start:
		last_date, last_odometer, per_day = start, start_odometer, None
	else:
		return NextDue(None, None, None, None)  # dealer stock, or a customer car with no history
	interval = interval or interval_for(vehicle.get("make"), vehicle.get("model"))
	return next_due(last_date, last_odometer, interval, vehicle.get("odometer_unit") or "km", per_day)


def on_vehicle_validate(doc, method=None):
	doc.update(due_values(doc))


# what compute() reads of a vehicle, and the odometer record_service raises
VEHICLE_FIELDS = (
	"name",
	"make",
	"model",
	"odometer",
	"odometer_unit",
	"stock_type",
	"warranty_start_date",
	"delivery_date",
	"last_service_date",
	"last_service_odometer",
)


def vehicle_values(vin: str) -> frappe._dict:
	vehicle = frappe.db.get_value("Motor Vehicle", vin, VEHICLE_FIELDS, as_dict=True)
	if not vehicle:
		frappe.throw(_("Vehicle {0} not found").format(vin), frappe.DoesNotExistError)
	return vehicle


def due_values(vehicle) -> dict:
	due = compute(vehicle)
	return {"next_service_date": due.date, "next_service_odometer": due.odometer or 0}


def visit_values(vehicle, service_date, odometer: int | None) -> dict:
	"""What a visit changes on the vehicle (`vehicle_values`): its last service, and its odometer
	when the visit's reading is higher."""
	values = {"last_service_date": service_date}
	if odometer is not None:
		values["last_service_odometer"] = cint(odometer)
		if cint(odometer) > cint(vehicle.odometer):
			values["odometer"] = cint(odometer)
	return values


def refresh(vin: str, vehicle=None) -> dict:
	"""Recompute and store one vehicle's next service due (`vehicle`: its `vehicle_values`, when the
	caller has them); returns {next_service_date, next_service_odometer}."""
	values = due_values(vehicle or vehicle_values(vin))
	frappe.db.set_value("Motor Vehicle", vin, values, update_modified=False)
	return values


def record_service(vin: str, service_date, odometer: int | None = None) -> dict:
	"""A service was done on `vin` at `service_date` with `odometer`: store it as the last service
	(unless a later one is already recorded), raise the vehicle's odometer, and recompute next due."""
	vehicle = vehicle_values(vin)
	service_date = getdate(service_date)
	if vehicle.last_service_date and getdate(vehicle.last_service_date) > service_date:
		return refresh(vin, vehicle)
	if odometer is not None and cint(odometer) < 0:
		frappe.throw(_("Odometer reading {0} cannot be negative").format(odometer))
	values = visit_values(vehicle, service_date, odometer)
	vehicle.update(values)
	due = due_values(vehicle)
	frappe.db.set_value("Motor Vehicle", vin, {**values, **due})
	return due


def refresh_models(make: str, model: str | None = None) -> None:
	"""After a Service Interval changed: recompute the vehicles it may apply to (in the background
	when there are many)."""
	filters = {"model": model} if model else {"make": make}
	filters["customer"] = ("is", "set")
	vins = frappe.get_all("Motor Vehicle", filters=filters, pluck="name")
	if len(vins) <= 200:
		for vin in vins:
			refresh(vin)
		return
	frappe.enqueue(
		"dms_app.service.service_due.refresh_many",
		queue="long",
		vins=vins,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def refresh_many(vins: list[str]) -> None:
	for vin in vins:
		refresh(vin)


def vehicles_due(within_days: int = 30, within_km: int = 1000, customer: str | None = None) -> list[dict]:
	"""Customer vehicles whose service is due within `within_days` (by date) or `within_km` (by
	mileage, converted for vehicles in miles), overdue ones included, soonest first.

	Each row: vin, customer, make, model, registration_plate, odometer, odometer_unit,
	next_service_date, next_service_odometer, due_by ("date" or "mileage") and appointment (the
	vehicle's next active appointment, if one is booked)."""
	within_days, within_km = cint(within_days), cint(within_km)
	today = getdate(nowdate())
	conditions = ["mv.customer is not null", "mv.customer != ''", "mv.status != 'Scrapped'"]
	values = {"horizon": add_days(today, within_days), "km": within_km}
	if customer:
		conditions.append("mv.customer = %(customer)s")
		values["customer"] = customer
	rows = frappe.db.sql(
		f"""select mv.name as vin, mv.customer, mv.make, mv.model, mv.registration_plate, mv.odometer,
			mv.odometer_unit, mv.next_service_date, mv.next_service_odometer
		from `tabMotor Vehicle` mv
		where {" and ".join(conditions)}
			and (mv.next_service_date <= %(horizon)s
				or (mv.next_service_odometer > 0 and mv.odometer > 0
					and mv.next_service_odometer - mv.odometer <= %(km)s))""",
		values,
		as_dict=True,
	)
	due = []
	for row in rows:
		distance = within_km / KM_PER_MILE if row.odometer_unit == "mi" else within_km
		reason = due_reason(
			getdate(row.next_service_date) if row.next_service_date else None,
			cint(row.next_service_odometer) or None,
			cint(row.odometer) or None,
			today,
			within_days,
			distance,
		)
		if reason:
			row.due_by = reason
			due.append(row)
	booked = upcoming_appointments([row.vin for row in due])
	for row in due:
		row.appointment = booked.get(row.vin)
	return sorted(due, key=lambda r: (r.next_service_date or getdate("9999-12-31"), r.vin))


def upcoming_appointments(vins: list[str]) -> dict[str, str]:
	if not vins:
		return {}
	rows = frappe.get_all(
		"Service Appointment",
		filters={
			"vehicle": ("in", vins),
			"status": ("in", OPEN),
			"appointment_date": (">=", nowdate()),
		},
		fields=["vehicle", "name"],
		order_by="appointment_date asc",
	)
	result = {}
	for row in rows:
		result.setdefault(row.vehicle, row.name)
	return result
