import numpy as np
import pytest

from dms_app.forecasting import METHODS, forecast, forecast_many

SEASON = np.array([5, 8, 12, 20, 30, 28, 25, 18, 10, 7, 6, 5], dtype=float)


def intermittent(seed, periods=48):
	rng = np.random.default_rng(seed)
	return (rng.random(periods) < 0.25) * rng.integers(1, 6, periods)


def test_forecast_returns_horizon_non_negative_values():
	result = forecast(intermittent(1), 6)
	assert result.shape == (6,)
	assert np.all(result >= 0)


def test_clean_seasonal_series_gets_seasonal_naive():
	history = np.tile(SEASON, 4)
	forecasts, methods = forecast_many([history], 12, return_methods=True)
	assert methods == ["seasonal_naive"]
	assert forecasts[0] == pytest.approx(SEASON)


def test_intermittent_series_gets_an_intermittent_method():
	_, methods = forecast_many([intermittent(seed) for seed in range(5)], 12, return_methods=True)
	assert set(methods) <= {"croston", "sba", "tsb", "adida", "imapa"}


def test_trending_series_gets_holt():
	rng = np.random.default_rng(2)
	history = 20 + 3 * np.arange(48) + rng.normal(0, 1, 48)
	forecasts, methods = forecast_many([history], 6, return_methods=True)
	assert methods == ["holt"]
	assert np.all(np.diff(forecasts[0]) > 0)


def test_all_zero_history_gives_zeros():
	forecasts, methods = forecast_many([[0, 0, 0, 0] * 10], 5, return_methods=True)
	assert methods == ["zero"]
	assert np.all(forecasts == 0)


def test_one_period_history():
	forecasts, methods = forecast_many([[3]], 4, return_methods=True)
	assert methods == ["imapa"]
	assert forecasts[0] == pytest.approx([3, 3, 3, 3])


def test_ragged_input_equals_per_series_forecasts():
	histories = [
		intermittent(1, 40),
		np.tile(SEASON, 3),
		[4],
		intermittent(2, 40),
		[0, 0, 0],
		intermittent(3, 7),
	]
	together = forecast_many(histories, 6)
	assert together.shape == (len(histories), 6)
	for history, row in zip(histories, together, strict=True):
		assert row == pytest.approx(forecast(history, 6))


def test_two_dimensional_input_equals_list_input():
	y = np.vstack([intermittent(seed) for seed in range(4)] + [np.tile(SEASON, 4)])
	assert forecast_many(y, 3) == pytest.approx(forecast_many(list(y), 3))


def test_named_method_is_applied_to_every_series():
	histories = [intermittent(1), [1, 2, 3]]
	forecasts, methods = forecast_many(histories, 2, method="naive", return_methods=True)
	assert methods == ["naive", "naive"]
	assert forecasts.tolist() == [[histories[0][-1]] * 2, [3, 3]]


def test_every_method_can_be_named():
	for name in METHODS:
		assert forecast(intermittent(4), 3, method=name).shape == (3,)


def test_no_series_gives_an_empty_result():
	assert forecast_many([], 3).shape == (0, 3)


@pytest.mark.parametrize(
	("history", "horizon", "message"),
	[
		([1, -2, 3], 3, "negative value"),
		([1, float("nan"), 3], 3, "missing or infinite"),
		([1, float("inf")], 3, "missing or infinite"),
		([], 3, "empty"),
		([[1, 2], [3, 4]], 3, "one-dimensional"),
		([1, 2, 3], 0, "Horizon"),
		([1, 2, 3], 2.5, "Horizon"),
		([1, 2, 3], True, "Horizon"),
	],
)
def test_invalid_input_is_rejected(history, horizon, message):
	with pytest.raises(ValueError, match=message):
		forecast(history, horizon)


def test_invalid_series_is_named_in_the_message():
	with pytest.raises(ValueError, match="series 2 has a negative value"):
		forecast_many([[1], [2, 3], [1, -1]], 3)


def test_invalid_season_length_and_method_are_rejected():
	with pytest.raises(ValueError, match="Season length"):
		forecast([1, 2], 3, season_length=0)
	with pytest.raises(ValueError, match="Unknown forecasting method"):
		forecast([1, 2], 3, method="arima")
