from datetime import date

from dms_app.floor_plan import terms


def test_allocate_adds_up_to_the_cent():
	parts = terms.allocate(100.0, [1, 1, 1])
	assert parts == [33.33, 33.33, 33.34] and round(sum(parts), 2) == 100.0
	assert terms.allocate(56500.0, [25000, 25000]) == [28250.0, 28250.0]
	assert terms.allocate(10.0, []) == []


def test_payoff_due_after_the_sale():
	assert terms.payoff_due(date(2026, 3, 30), 3) == date(2026, 4, 2)
	assert terms.payoff_due(None, 3) is None


def test_status_is_derived():
	assert terms.status(0, 100, None) == "Draft"
	assert terms.status(1, 100, None) == "Financed"
	assert terms.status(1, 100, date(2026, 1, 1)) == "Sold"
	assert terms.status(1, 0, date(2026, 1, 1)) == "Paid Off"
	assert terms.status(2, 100, None) == "Cancelled"


def test_curtailment_due_by_the_schedule():
	schedule = [(90, 10), (180, 10)]
	assert terms.curtailment_due(20000, schedule, 89) == 0
	assert terms.curtailment_due(20000, schedule, 90) == 2000
	assert terms.curtailment_due(20000, schedule, 200) == 4000
	assert terms.curtailment_due(100, [(0, 150)], 1) == 100
