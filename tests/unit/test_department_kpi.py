from dms_app import kpi


def test_gross_percent():
	assert kpi.gross_percent(250, 1000) == 25.0
	assert kpi.gross_percent(-50, 200) == -25.0
	assert kpi.gross_percent(100, 0) is None


def test_fi_per_vehicle():
	assert kpi.fi_per_vehicle(1500, 2) == 750.0
	assert kpi.fi_per_vehicle(1500, 0) is None
