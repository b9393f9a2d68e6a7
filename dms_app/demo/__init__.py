"""Deterministic demo data for a multi-brand dealership (`./dms up` loads it).

Everything is generated from a fixed seed, so two loads give the same records, and loading is
idempotent: records that exist are left alone. Each feature adds its own module here and a step
to `load`.
"""

import random

import frappe

from dms_app.demo import masters, vehicles

SEED = 20261123


def load(seed: int = SEED):
	rng = random.Random(seed)
	summary = masters.create(rng)
	summary.update(vehicles.create(rng, masters.customer_names(random.Random(seed))))
	frappe.db.commit()
	print("Demo data loaded:")
	for key, value in summary.items():
		print(f"  {key}: {value}")
	return summary
