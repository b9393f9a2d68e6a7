from dms_app import kpi


def test_days_supply():
	assert kpi.days_supply(12, 6) == 60  # 6 a month = 0.2 a day; 12 / 0.2
	assert kpi.days_supply(5, 0) is None
	assert kpi.days_supply(0, 3) == 0


def test_inventory_turn_uses_average_inventory_at_cost():
	assert kpi.inventory_turn(300000, 100000, 200000) == 2
	assert kpi.inventory_turn(1000, 0, 0) is None


def test_gross_per_vehicle_retailed():
	assert kpi.gross_per_vehicle_retailed(6000, 1500, 3) == 2500
	assert kpi.gross_per_vehicle_retailed(0, 0, 0) is None


def test_percentages():
	assert kpi.conversion_rate(3, 12) == 25
	assert kpi.service_absorption(45000, 60000) == 75
	assert kpi.fill_rate(9, 10) == 90
	assert kpi.fill_rate(0, 0) is None
