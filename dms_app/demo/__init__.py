"""Deterministic demo data for a multi-brand dealership (`./dms up` loads it).

Everything is generated from a fixed seed, so two loads give the same records, and loading is
idempotent: records that exist are left alone. Each feature adds its own module here and a step
to `create` (`load` commits it). `locale="zh"` loads the Chinese dealer instead (dms_app/demo/zh.py)
on a site set up for it (`DMS_DEMO_LOCALE=zh ./dms up`).
"""

import random

import frappe

from dms_app.demo import (
	accounting,
	campaigns,
	floor_plan,
	inspections,
	masters,
	oem_orders,
	planning,
	portal,
	sales,
	service,
	service_masters,
	vehicles,
	warranty,
	zh,
)

SEED = 20261123


def load(seed: int = SEED, locale: str = "en"):
	"""`./dms up`: the whole demo, committed, its summary printed."""
	summary = create(seed, locale)
	frappe.db.commit()
	print("Demo data loaded:")
	for key, value in summary.items():
		print(f"  {key}: {value}")
	return summary


def create(seed: int = SEED, locale: str = "en") -> dict:
	"""Every step of the demo, uncommitted (tests/integration/test_demo.py loads it so); the summary."""
	frappe.flags.dms_demo_locale = locale
	if zh.active():
		# the desk and the portal speak Chinese; customers log in with their mobile numbers
		settings = frappe.get_single("System Settings")
		settings.update({"language": zh.LANGUAGE, "allow_login_using_mobile_number": 1})
		settings.save()  # the ¥ and China's date format: dms_app.setup.defaults.fill_locale_gaps
	rng = random.Random(seed)
	summary = masters.create(rng)
	summary.update(vehicles.create(rng, masters.customer_names(random.Random(seed))))
	summary.update(oem_orders.create(random.Random(seed + 6)))
	# financed vehicles in every state, last month's interest posted
	summary.update(floor_plan.create(random.Random(seed + 19)))
	summary.update(planning.create(rng))  # parts demand history and the first forecast runs
	summary.update(warranty.create(random.Random(seed + 11), masters.customer_names(random.Random(seed))))
	summary.update(service_masters.create(random.Random(seed + 4)))  # labour, technicians, appointments
	summary.update(service.create(random.Random(seed + 5)))  # repair orders through the workshop
	summary.update(portal.create(random.Random(seed + 9)))  # a customer with a web login
	# inspections with photos; the portal customer's amber and red items wait for her decision
	summary.update(inspections.create(random.Random(seed + 29)))
	# recalls and service campaigns open on customers' vehicles (the portal customer's too), one closed
	summary.update(campaigns.create(random.Random(seed + 23)))
	summary.update(sales.create(random.Random(seed + 13)))  # leads, test drives, deals, a trade-in
	# the trade-in sold on, parts counter sales: every department has the month's figures
	summary.update(accounting.create(random.Random(seed + 17), masters.customer_names(random.Random(seed))))
	return summary
