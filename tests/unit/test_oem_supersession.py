import pytest

from dms_app.oem_orders.supersession import SupersessionLoop, chain_of


def test_chains_are_followed_to_the_current_part():
	table = {"A": "B", "B": "C"}
	assert chain_of("A", table.get) == ["A", "B", "C"]
	assert chain_of("B", table.get)[-1] == "C"
	assert chain_of("Z", table.get) == ["Z"]  # not superseded: the part itself


def test_loops_are_refused_with_the_chain():
	with pytest.raises(SupersessionLoop) as loop:
		chain_of("A", {"A": "B", "B": "C", "C": "A"}.get)
	assert loop.value.chain == ["A", "B", "C", "A"]
	with pytest.raises(SupersessionLoop):
		chain_of("A", {"A": "A"}.get)
