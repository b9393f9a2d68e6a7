"""The site's warranty policies applied to a Motor Vehicle (the rules are in coverage.py)."""

import frappe
from frappe import _
from frappe.utils import getdate

from dms_app.warranty.coverage import Cover, Policy, covering_policies, to_km


def site_policies(make: str) -> list[Policy]:
	rows = frappe.get_all(
		"Warranty Policy",
		filters={"make": make, "disabled": 0},
		fields=["name", "make", "model", "component_group", "months", "distance_km"],
	)
	return [
		Policy(
			name=r.name,
			make=r.make,
			component_group=r.component_group,
			months=r.months,
			distance_km=r.distance_km or 0,
			model=r.model or None,
		)
		for r in rows
	]


def vehicle_covers(vin: str, on_date, odometer: float, odometer_unit: str | None = None) -> list[Cover]:
	vehicle = frappe.db.get_value(
		"Motor Vehicle", vin, ["make", "model", "warranty_start_date", "odometer_unit"], as_dict=True
	)
	if not vehicle:
		frappe.throw(_("Motor Vehicle {0} not found").format(vin), frappe.DoesNotExistError)
	if odometer is None or float(odometer) < 0:
		frappe.throw(_("Enter an odometer reading of zero or more"))
	if not vehicle.make:
		return []
	start = getdate(vehicle.warranty_start_date) if vehicle.warranty_start_date else None
	odometer_km = to_km(float(odometer), odometer_unit or vehicle.odometer_unit)
	return covering_policies(
		site_policies(vehicle.make), vehicle.make, vehicle.model, start, getdate(on_date), odometer_km
	)
