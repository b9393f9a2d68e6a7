from dms_app.oem_orders.progress import LineProgress, line_stage, order_stage


def test_line_stage_follows_the_confirmed_quantity():
	assert line_stage(LineProgress(3)) == "Submitted"
	assert line_stage(LineProgress(3, confirmed=3, assigned=2)) == "Confirmed"
	assert line_stage(LineProgress(3, confirmed=2, assigned=2)) == "VIN Assigned"  # OEM confirmed fewer
	assert line_stage(LineProgress(3, 3, 3, 3, 2)) == "Shipped"
	assert line_stage(LineProgress(3, 3, 3, 3, 3)) == "Received"


def test_the_order_is_as_far_as_its_least_advanced_line():
	assert order_stage([LineProgress(1, 1, 1, 1, 1), LineProgress(2, 2, 2, 2, 0)]) == "Shipped"
	assert order_stage([LineProgress(1, 1, 1, 1, 1), LineProgress(2)]) == "Submitted"
	assert order_stage([]) == "Submitted"
