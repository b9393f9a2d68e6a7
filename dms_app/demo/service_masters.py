"""Demo service masters: labour Items and operations with model-specific flat hours, service
intervals per make/model, technicians with a workshop holiday list, and a week of appointments
for the customers' cars. Idempotent: what exists is left alone."""

import frappe
from frappe.utils import add_days, add_months, getdate, nowdate

from dms_app.controllers import lifecycle
from dms_app.demo import zh
from dms_app.demo.masters import ensure
from dms_app.service.appointment_lifecycle import CONFIRMED

LABOUR_ITEMS = (
	# (item code, name, hourly rate)
	("LAB-MECH", "Mechanical labour", 125.0),
	("LAB-ELEC", "Electrical and EV labour", 145.0),
	("LAB-DIAG", "Diagnostic labour", 155.0),
)
OPERATIONS = (
	# (code, description, item, skill, flat hours, warranty hours, bookable online, [(model or make, hours)])
	(
		"SVC-MINOR",
		"Minor service: oil, filter and checks",
		"LAB-MECH",
		"General",
		1.0,
		0,
		1,
		[("Toyota Corolla", 0.9), ("Volkswagen", 1.1)],
	),
	(
		"SVC-MAJOR",
		"Major service: filters, plugs, fluids and inspection",
		"LAB-MECH",
		"General",
		2.5,
		0,
		1,
		[("Toyota RAV4", 2.8), ("Volkswagen Golf", 2.4)],
	),
	(
		"SVC-EV",
		"EV annual service: cabin filter, brake fluid, HV check",
		"LAB-ELEC",
		"EV High Voltage",
		1.2,
		0,
		1,
		[("BYD", 1.0), ("Volkswagen ID.4", 1.4)],
	),
	(
		"BRK-FRONT",
		"Replace front brake pads",
		"LAB-MECH",
		"General",
		1.2,
		1.0,
		1,
		[("Volkswagen Golf", 1.1), ("BYD Seal", 1.4)],
	),
	("BRK-DISC", "Replace front discs and pads", "LAB-MECH", "General", 1.8, 1.6, 0, []),
	("DIAG-MIL", "Diagnose warning light", "LAB-DIAG", "Diagnostics", 1.0, 0.8, 1, []),
	("AC-SVC", "Air-conditioning service and regas", "LAB-MECH", "General", 1.0, 0, 1, []),
	("BATT-12V", "Replace 12 V battery", "LAB-ELEC", "Electrical", 0.5, 0.4, 1, []),
	(
		"HV-BATT-CHK",
		"High-voltage battery health check",
		"LAB-ELEC",
		"EV High Voltage",
		1.5,
		1.3,
		0,
		[("BYD", 1.2)],
	),
	("PDI", "Pre-delivery inspection", "LAB-MECH", "General", 1.5, 0, 0, [("BYD", 1.0)]),
	("WIPER", "Replace wiper blades", "LAB-MECH", "General", 0.2, 0, 1, []),
)
INTERVALS = (
	# (make, model or None, months, km)
	("Toyota", None, 12, 15000),
	("BYD", None, 12, 20000),
	("Volkswagen", None, 12, 15000),
	("Volkswagen", "Volkswagen ID.4", 24, 30000),
)
TECHNICIANS = (
	# (first name, last name, gender, hours a day)
	("Ravi", "Kumar", "Male", 8),
	("Joanna", "Lee", "Female", 8),
	("Marco", "Bianchi", "Male", 8),
	("Sara", "Okoye", "Female", 6),
)
HOLIDAY_LIST = "Workshop Holidays"


def create(rng) -> dict:
	company = frappe.db.get_single_value("DMS Settings", "company") or frappe.defaults.get_global_default(
		"company"
	)
	ensure_labour_items()
	for code, description, item, skill, hours, warranty, online, times in OPERATIONS:
		ensure(
			"Labour Operation",
			code,
			{
				"operation_code": code,
				"description": zh.say(description),
				"item": item,
				"skill": skill,
				"flat_hours": hours,
				"warranty_flat_hours": warranty,
				"bookable_online": online,
				"times": [time_row(target, h) for target, h in times if exists(target)],
			},
		)
	for make, model, months, km in INTERVALS:
		if exists(model or make):
			ensure(
				"Service Interval",
				model or make,
				{"make": make, "model": model, "months": months, "distance_km": km},
			)
	technicians = ensure_technicians(company)
	vehicles = refresh_customer_vehicles()
	booked = book_demo_appointments(rng, vehicles)
	return {
		"labour operations": len(OPERATIONS),
		"technicians": technicians,
		"service appointments": booked,
	}


def exists(target: str) -> bool:
	return bool(frappe.db.exists("Vehicle Model", target) or frappe.db.exists("Vehicle Make", target))


def time_row(target: str, hours: float) -> dict:
	if frappe.db.exists("Vehicle Model", target):
		return {"model": target, "flat_hours": hours}
	return {"make": target, "flat_hours": hours}


def ensure_labour_items():
	price_list = frappe.db.get_single_value("Selling Settings", "selling_price_list") or "Standard Selling"
	for code, name, rate in LABOUR_ITEMS:
		ensure(
			"Item",
			code,
			{
				"item_code": code,
				"item_name": zh.say(name),
				"item_group": "Labour",
				"stock_uom": "Hour",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			},
		)
		if not frappe.db.exists("Item Price", {"item_code": code, "price_list": price_list}):
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": code,
					"price_list": price_list,
					"price_list_rate": rate,
				}
			).insert(ignore_permissions=True)


def ensure_holiday_list() -> str:
	if not frappe.db.exists("Holiday List", HOLIDAY_LIST):
		year_start = getdate(nowdate()).replace(month=1, day=1)
		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": HOLIDAY_LIST,
				"from_date": year_start,
				"to_date": add_days(add_months(year_start, 24), -1),
				"weekly_off": "Sunday",
			}
		)
		holidays.get_weekly_off_dates()
		holidays.insert(ignore_permissions=True)
	return HOLIDAY_LIST


def ensure_technicians(company: str) -> int:
	holidays = ensure_holiday_list()
	for gender in ("Female", "Male"):  # ERPNext's setup wizard makes these; older sites may lack them
		if not frappe.db.exists("Gender", gender):
			frappe.get_doc({"doctype": "Gender", "gender": gender}).insert(ignore_permissions=True)
	for first, last, gender, hours in zh.pick(TECHNICIANS, zh.TECHNICIANS):
		if frappe.db.exists("Employee", {"first_name": first, "company": company}):
			continue
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first,
				"last_name": last,
				"gender": gender,
				"date_of_birth": "1988-04-12",
				"date_of_joining": "2022-03-01",
				"company": company,
				"status": "Active",
				"is_technician": 1,
				"technician_hours_per_day": hours,
				"holiday_list": holidays,
			}
		).insert(ignore_permissions=True)
	return frappe.db.count("Employee", {"is_technician": 1, "status": "Active"})


def refresh_customer_vehicles() -> list[str]:
	"""Customers' vehicles (sold earlier by other demo steps) get their next service due."""
	from dms_app.service.service_due import refresh

	vins = frappe.get_all(
		"Motor Vehicle", filters={"customer": ("is", "set"), "status": ("!=", "Scrapped")}, pluck="name"
	)
	for vin in vins:
		refresh(vin)
	return vins


def book_demo_appointments(rng, vehicles: list[str]) -> int:
	"""Up to eight appointments over the next working days (skipped when the demo has some)."""
	if frappe.db.count("Service Appointment") or not vehicles:
		return frappe.db.count("Service Appointment")
	from dms_app.service.labour import flat_hours

	operations = [op[0] for op in OPERATIONS if op[6]]
	for index, vin in enumerate(sorted(vehicles)[:8]):
		model = frappe.db.get_value("Motor Vehicle", vin, "model")
		chosen = rng.sample(operations, 2 if index % 3 == 0 else 1)
		doc = frappe.get_doc(
			{
				"doctype": "Service Appointment",
				"vehicle": vin,
				"appointment_date": add_days(nowdate(), 1 + index // 3),
				"start_time": f"{8 + index % 3}:{rng.choice(('00', '30'))}:00",
				"work": [{"labour_operation": op, "estimated_hours": flat_hours(op, model)} for op in chosen],
				"notes": rng.choice(
					zh.pick(
						("", "Customer waits in the lounge", "Needs a courtesy car"),
						("", "客户在休息室等候", "需要代步车"),
					)
				),
			}
		)
		try:
			doc.insert(ignore_permissions=True)
			if index % 4:
				lifecycle.reach(doc, CONFIRMED)
		except frappe.ValidationError:
			frappe.clear_messages()  # e.g. tomorrow is a Sunday: the workshop is closed
	return frappe.db.count("Service Appointment")
