"""The demo has financed vehicles in every state and last month's interest posted; it loads once."""

import random

from dms_app.demo import SEED, masters
from dms_app.demo import floor_plan as demo


def test_the_demo_has_financed_vehicles_in_every_state_and_loads_once():
	masters.create(random.Random(SEED))
	first = demo.create(random.Random(SEED + 19))
	states = demo.states()
	assert all(states.values()), states
	assert demo.create(random.Random(SEED + 19)) == first  # once
