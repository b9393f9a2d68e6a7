import math

import numpy as np
import pytest

from dms_app.forecasting import bias, mase, rmsse

HISTORY = [1, 3, 2, 4]  # naive errors 2, -1, 2: mean absolute 5/3, mean squared 3
ACTUAL = [1, 2, 3]
FORECAST = [2, 2, 2]  # errors 1, 0, -1: mean absolute 2/3, mean squared 2/3


def test_mase_by_hand():
	assert mase(ACTUAL, FORECAST, HISTORY) == pytest.approx(0.4)


def test_rmsse_by_hand():
	assert rmsse(ACTUAL, FORECAST, HISTORY) == pytest.approx(math.sqrt(2 / 9))


def test_seasonal_scale():
	# differences at lag 2: 1, 1
	assert mase(ACTUAL, FORECAST, HISTORY, season_length=2) == pytest.approx(2 / 3)


def test_bias_by_hand():
	assert bias(ACTUAL, FORECAST) == pytest.approx(0.0)
	assert bias(ACTUAL, [3, 3, 3]) == pytest.approx(0.5)
	assert bias(ACTUAL, [0, 0, 0]) == pytest.approx(-1.0)


def test_vectorised_over_series_with_ragged_histories():
	actual = np.array([ACTUAL, [0, 0, 2]])
	forecast = np.array([FORECAST, [1, 1, 1]])
	histories = [HISTORY, [0, 2]]
	assert mase(actual, forecast, histories) == pytest.approx([0.4, 0.5])
	assert rmsse(actual, forecast, histories) == pytest.approx([math.sqrt(2 / 9), math.sqrt(1 / 4)])
	assert bias(actual, forecast) == pytest.approx([0.0, 0.5])
	assert mase(actual, forecast, np.array([HISTORY, [0, 2, 0, 2]])) == pytest.approx([0.4, 0.5])


def test_undefined_values_are_nan():
	assert math.isnan(mase(ACTUAL, FORECAST, [5, 5, 5]))
	assert math.isnan(rmsse(ACTUAL, FORECAST, [5]))
	assert math.isnan(bias([0, 0], [1, 1]))
