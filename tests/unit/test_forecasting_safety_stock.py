import math

import numpy as np
import pytest

from dms_app.forecasting import reorder_policy

Z_95 = 1.6448536269514722


def test_hand_computed_policy_with_a_given_forecast():
	# history mean 4, sample variance (4 + 0 + 4 + 0) / 3; protection interval 2 + 1 periods
	policy = reorder_policy([2, 4, 6, 4], lead_time=2, review_period=1, forecast=[5, 5, 5, 9])
	sigma = math.sqrt(8 / 3)
	safety_stock = Z_95 * sigma * math.sqrt(3)
	assert policy.mean_demand == pytest.approx(5)
	assert policy.demand_std == pytest.approx(sigma)
	assert policy.safety_stock == pytest.approx(safety_stock)
	assert policy.reorder_point == pytest.approx(5 * 2 + safety_stock)
	assert policy.order_up_to == pytest.approx(5 * 3 + safety_stock)
	assert policy.method is None


def test_forecast_and_backtest_error_when_no_forecast_is_given():
	rng = np.random.default_rng(8)
	history = rng.poisson(4, 48)
	policy = reorder_policy(history, lead_time=1.5, review_period=0.5, service_level=0.9)
	assert policy.method in {"imapa", "seasonal_naive", "holt"}
	assert policy.mean_demand == pytest.approx(4, abs=1)
	assert 0 < policy.demand_std < 4
	assert policy.safety_stock == pytest.approx(1.2815515655446004 * policy.demand_std * math.sqrt(2))
	assert policy.reorder_point < policy.order_up_to


def test_zero_history_gives_zeros():
	policy = reorder_policy([0] * 36, lead_time=3)
	assert policy.method == "zero"
	assert (policy.mean_demand, policy.demand_std, policy.safety_stock) == (0, 0, 0)
	assert (policy.reorder_point, policy.order_up_to) == (0, 0)


def test_intermittent_history_is_never_negative():
	policy = reorder_policy([0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0] * 3, lead_time=2, service_level=0.3)
	assert policy.safety_stock == 0
	assert policy.reorder_point >= 0
	assert policy.order_up_to >= 0


def test_one_period_history():
	policy = reorder_policy([5], lead_time=1)
	assert (policy.mean_demand, policy.demand_std) == (5, 0)


@pytest.mark.parametrize(
	("arguments", "message"),
	[
		({"lead_time": 1, "service_level": 1}, "Service level"),
		({"lead_time": 1, "service_level": 0}, "Service level"),
		({"lead_time": -1}, "Lead time"),
		({"lead_time": 0, "review_period": 0}, "Lead time"),
		({"lead_time": 1, "forecast": []}, "at least one period"),
	],
)
def test_invalid_arguments_are_rejected(arguments, message):
	with pytest.raises(ValueError, match=message):
		reorder_policy([1, 2, 3], **arguments)


def test_invalid_history_is_rejected():
	with pytest.raises(ValueError, match="negative"):
		reorder_policy([1, -2, 3], lead_time=1)
