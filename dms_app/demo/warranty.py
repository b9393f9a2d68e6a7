"""Demo warranty: policies and OEM terms for the brands sold, and claims in every state on
customers' cars that came in for warranty repairs."""

import frappe
from frappe.utils import add_days, add_months, nowdate

from dms_app.controllers import lifecycle
from dms_app.demo import zh
from dms_app.demo.masters import PARTS, ensure
from dms_app.demo.vehicles import catalogue, demo_vin

POLICIES = {
	# make: [(component group, months, km (0: unlimited)[, model when not every model])]
	"Toyota": [("Basic", 36, 100_000), ("Powertrain", 60, 100_000), ("Hybrid System", 96, 160_000)],
	"BYD": [("Basic", 72, 150_000), ("EV Battery", 96, 200_000)],  # every BYD is electric
	"Volkswagen": [("Basic", 24, 0), ("EV Battery", 96, 160_000, "Volkswagen ID.4"), ("Corrosion", 144, 0)],
	"Geely": [("Basic", 36, 100_000), ("EV Battery", 96, 200_000, "Geely 银河E5")],
}
TERMS = {
	# make: (labour rate, parts handling %, submission window days)
	"Toyota": (118.0, 15.0, 30),
	"BYD": (105.0, 10.0, 45),
	"Volkswagen": (125.0, 12.0, 30),
	"Geely": (110.0, 10.0, 45),
}
FAILURES = (
	# (concern, cause, correction, failure code, hours, part index in PARTS)
	(
		"Engine warning light, rough idle",
		"Spark plug electrode cracked",
		"Replaced spark plugs",
		"P0301",
		1.1,
		7,
	),
	("Coolant leak at front of car", "Radiator core seam leaking", "Replaced radiator", "C2140", 2.4, 8),
	("Car will not start in the morning", "Battery internal short", "Replaced 12 V battery", "B1325", 0.6, 9),
	(
		"Brake judder when stopping",
		"Front discs out of tolerance",
		"Replaced front discs and pads",
		"C1241",
		1.8,
		6,
	),
	(
		"Cabin smells musty, weak airflow",
		"Cabin filter housing seal split",
		"Replaced cabin filter",
		"B1A10",
		0.5,
		3,
	),
	("Oil on the garage floor", "Oil filter seal defective", "Replaced oil filter and oil", "P0520", 0.7, 1),
)
# The story of each claim: the milestones it goes through (submitted, then the OEM's answers).
STORIES = (
	(),
	("Submitted",),
	("Submitted", "Accepted", "Credited"),
	("Submitted", "Partially Accepted", "Credited"),
	("Submitted", "Rejected"),
	("Submitted", "Rejected", "Written Off"),
)


def create(rng, customers: list[str]) -> dict:
	for make, policies in POLICIES.items():
		if not frappe.db.exists("Vehicle Make", make):
			continue  # a brand this dealer doesn't sell
		for group, months, km, *model in policies:
			name = f"{make} {group} {months // 12}y"
			ensure(
				"Warranty Policy",
				name,
				{
					"policy_name": name,
					"make": make,
					"model": model[0] if model else None,
					"component_group": group,
					"months": months,
					"distance_km": km,
				},
			)
		rate, handling, window = TERMS[make]
		ensure(
			"Warranty OEM Terms",
			make,
			{
				"make": make,
				"oem_customer": frappe.db.get_value("Vehicle Make", make, "warranty_customer"),
				"labour_rate": rate,
				"parts_handling_percent": handling,
				"submission_window_days": window,
			},
		)
	claims = 0
	for index, (make, (wmi, models)) in enumerate(catalogue().items()):
		model, _body, trims = models[0]
		trim = f"{make} {model} {trims[0][0]}"
		for story_index in range(2):
			number = index * 2 + story_index
			vin = demo_vin(rng, wmi)
			months_old, odometer = rng.randrange(3, 20), rng.randrange(4_000, 40_000)
			completed_days_ago = rng.randrange(1, 20)
			failure = FAILURES[rng.randrange(len(FAILURES))]
			customer = customers[rng.randrange(len(customers))]
			if frappe.db.exists("Motor Vehicle", vin):
				continue
			frappe.get_doc(
				{
					"doctype": "Motor Vehicle",
					"vin": vin,
					"trim": trim,
					"stock_type": "Customer",
					"customer": customer,
					"odometer": odometer,
					"warranty_start_date": add_months(nowdate(), -months_old),
				}
			).insert(ignore_permissions=True)
			make_claim(vin, failure, odometer, completed_days_ago, STORIES[number % len(STORIES)])
			claims += 1
	return {"warranty claims": claims}


def make_claim(vin, failure, odometer, completed_days_ago, story):
	concern, cause, correction, code, hours, part_index = failure
	concern, cause, correction = zh.say(concern), zh.say(cause), zh.say(correction)
	part_no, _description, cost, _price = PARTS[part_index]
	completed = add_days(nowdate(), -completed_days_ago)
	claim = frappe.get_doc(
		{
			"doctype": "OEM Warranty Claim",
			"company": frappe.db.get_single_value("DMS Settings", "company"),
			"vin": vin,
			"failure_date": add_days(completed, -1),
			"repair_completed_on": completed,
			"odometer": odometer,
			"causal_part": part_no,
			"failure_code": code,
			"condition": concern,
			"cause": cause,
			"correction": correction,
			"part_retained": 1,
			"labour": [{"description": correction, "warranty_hours": hours}],
			"parts": [{"item_code": part_no, "qty": 1, "dealer_net_rate": cost, "is_causal_part": 1}],
		}
	)
	claim.insert(ignore_permissions=True)
	for milestone in story:
		if milestone == "Submitted":
			lifecycle.submit(claim)
			continue
		claim.reload()
		values = {
			"Partially Accepted": {
				"accepted_amount": round(claim.claimed_amount * 0.8, 2),
				"rejection_reason": "EXH",
			},
			"Rejected": {"rejection_reason": "NCD"},
			"Credited": {"credit_reference": f"CN-{claim.name}"},
		}.get(milestone, {})
		lifecycle.reach(claim, milestone, **values)  # the OEM's answers, as its response file gives them
