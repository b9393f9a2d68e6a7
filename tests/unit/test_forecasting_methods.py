import numpy as np
import pytest

from dms_app.forecasting import METHODS
from dms_app.forecasting.methods import (
	AGGREGATE_ALPHAS,
	SES_ALPHAS,
	adida,
	croston,
	holt,
	imapa,
	naive,
	sba,
	seasonal_naive,
	ses,
	tsb,
	zero,
)

INTERMITTENT = [0, 2, 0, 0, 4, 0]
"""Demands of 2 and 4 after intervals of 2 and 3 periods."""


def reference_ses(values, alphas):
	"""Plain-loop SES: level from the first value, weight with the least in-sample squared error."""
	best = None
	for alpha in alphas:
		level, sse = values[0], 0.0
		for value in values[1:]:
			sse += (value - level) ** 2
			level += alpha * (value - level)
		if best is None or sse < best[0]:
			best = (sse, level)
	return best[1]


def expected_level(name, level):
	"""What a method forecasts for a series that has always been ``level``: SBA deflates by 5 % by design."""
	return {"zero": 0.0, "sba": 0.95 * level}.get(name, level)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_constant_series_forecasts_the_constant(name):
	assert METHODS[name]([[7.0] * 30], 5) == pytest.approx(np.full((1, 5), expected_level(name, 7.0)))


@pytest.mark.parametrize("name", sorted(METHODS))
def test_shapes_and_non_negativity(name):
	rng = np.random.default_rng(3)
	y = rng.poisson(rng.uniform(0.1, 5, size=(40, 1)), size=(40, 30)).astype(float)
	y[0] = np.linspace(30, 0, 30)  # steep decline: a trend method must not go below zero
	y[1] = 0
	forecasts = METHODS[name](y, 7)
	assert forecasts.shape == (40, 7)
	assert np.all(forecasts >= 0)
	assert np.all(np.isfinite(forecasts))
	assert METHODS[name](y[5], 3).shape == (1, 3)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_one_period_history(name):
	assert METHODS[name]([4.0], 3) == pytest.approx(np.full((1, 3), expected_level(name, 4.0)))


@pytest.mark.parametrize("name", sorted(METHODS))
def test_all_zero_history_forecasts_zero(name):
	assert np.all(METHODS[name](np.zeros((2, 24)), 4) == 0)


def test_naive_and_zero():
	assert naive([[1, 5, 3]], 2).tolist() == [[3, 3]]
	assert zero([[1, 5, 3]], 2).tolist() == [[0, 0]]


def test_seasonal_naive_repeats_the_last_season():
	y = [1, 2, 3, 4] * 3
	assert seasonal_naive(y, 6, season_length=4).tolist() == [[1, 2, 3, 4, 1, 2]]


def test_seasonal_naive_falls_back_to_naive_on_short_history():
	assert seasonal_naive([1, 2, 3], 2, season_length=12).tolist() == [[3, 3]]


def test_ses_matches_a_plain_loop():
	rng = np.random.default_rng(5)
	y = rng.poisson(3, size=(5, 25)).astype(float)
	expected = [reference_ses(row, SES_ALPHAS) for row in y]
	assert ses(y, 2)[:, 0] == pytest.approx(expected)


def test_croston_by_hand():
	# sizes 2 → 2 + 0.1 (4 - 2) = 2.2; intervals 2 → 2 + 0.1 (3 - 2) = 2.1
	assert croston(INTERMITTENT, 3) == pytest.approx(np.full((1, 3), 2.2 / 2.1))


def test_sba_by_hand():
	assert sba(INTERMITTENT, 3) == pytest.approx(np.full((1, 3), 0.95 * 2.2 / 2.1))


def test_tsb_by_hand():
	probability = 0.0
	for occurred in [1, 0, 0, 1, 0]:  # the first period sets the level
		probability += 0.1 * (occurred - probability)
	assert tsb(INTERMITTENT, 2) == pytest.approx(np.full((1, 2), probability * 2.2))


def test_tsb_decays_after_demand_stops_but_croston_does_not():
	y = [3, 0, 3, 0, 3, 0] + [0] * 24
	assert tsb(y, 1)[0, 0] < 0.3 * croston(y, 1)[0, 0]


def test_adida_by_hand():
	# mean interval 2: buckets of two periods are all 3, so 3 per bucket = 1.5 per period
	assert adida([0, 3, 0, 3, 0, 3], 2) == pytest.approx(np.full((1, 2), 1.5))


def test_imapa_averages_the_aggregation_levels():
	y = [0, 3, 0, 3, 0, 3]
	expected = (reference_ses(y, AGGREGATE_ALPHAS) + 1.5) / 2
	assert imapa(y, 2) == pytest.approx(np.full((1, 2), expected))


def test_holt_extends_a_trend_with_damping():
	forecasts = holt(np.arange(1.0, 25.0), 6)[0]
	assert np.all(np.diff(forecasts) > 0)
	assert forecasts[0] > 24
	assert forecasts[-1] < 30  # damped: below the straight line 25 … 30


def test_methods_are_vectorised_row_by_row():
	rng = np.random.default_rng(11)
	y = rng.poisson(rng.uniform(0.2, 4, size=(6, 1)), size=(6, 36)).astype(float)
	for name, method in METHODS.items():
		together = method(y, 4)
		one_by_one = np.vstack([method(row, 4) for row in y])
		assert together == pytest.approx(one_by_one), name
