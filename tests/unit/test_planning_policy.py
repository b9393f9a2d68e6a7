import numpy as np
import pytest

from dms_app.planning.policy import holdout_scores, reorder_quantity, vehicle_order_quantity


def test_reorder_when_projected_at_or_below_reorder_point():
	assert reorder_quantity(4, 10, 5) == 0
	assert reorder_quantity(4, 10, 4) == 6  # at the reorder point: ERPNext's rule too
	assert reorder_quantity(4, 10, -3) == 13  # backorders are ordered back
	assert reorder_quantity(2.2, 3.1, 0) == 4  # whole units, rounded up


def test_no_reorder_without_demand():
	assert reorder_quantity(0, 0, 0) == 0
	assert reorder_quantity(0.0, 5, -1) == 0


def test_at_least_one_unit_when_reordering():
	assert reorder_quantity(1.5, 1.5, 1.2) == 1


def test_vehicle_pipeline_counts_in_transit_once():
	# 2 shipped vehicles are still on the open PO of 3: pipeline = stock + max(3, 2), not + 5
	assert vehicle_order_quantity(10, 4, 2, 3) == 3
	assert vehicle_order_quantity(10, 4, 5, 3) == 1
	assert vehicle_order_quantity(6.2, 7, 0, 0) == 0
	assert vehicle_order_quantity(6.2, 3, 0, 0) == 4


def test_holdout_scores_by_hand():
	actual = np.array([[2, 0, 2], [0, 0, 0]])
	forecast = np.array([[1, 1, 1], [1, 1, 1]])
	accuracy, mase = holdout_scores(actual, forecast, [[0, 2, 0, 4], [1, 1]])
	assert accuracy[0] == pytest.approx(1 - 3 / 4)
	assert mase[0] == pytest.approx((3 / 3) / (8 / 3))  # mean |error| / in-sample naive mean |diff|
	assert accuracy[1] is None  # no demand held out: accuracy undefined
	assert mase[1] is None  # flat history: MASE undefined
