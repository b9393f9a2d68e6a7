"""Automatic method choice per series, and the public ``forecast`` / ``forecast_many``.

The choice follows the demand pattern, then a rolling-origin backtest:

- all-zero history: ``zero``;
- intermittent (mean interval between demands above 1.32 periods, the Syntetos-Boylan cut-off) or too
  short to backtest: IMAPA, the most accurate single method on such series;
- smooth: whichever of IMAPA, seasonal naive and damped Holt has the lowest squared error over the last
  ``BACKTEST_ORIGINS`` origins x horizon (ties keep IMAPA).

Letting the backtest pick among all methods for every series was measured and rejected: a few origins of
mostly-zero data reward whichever method happened to match the last zeros. On the car-parts data that
gives RMSSE 0.765 against 0.710 for IMAPA alone; restricted as above, the choice scores 0.710 there and
0.741 against 0.777 for the best single method on the synthetic set (benchmarks/README.md). Averaging
methods (SES, TSB, ADIDA, IMAPA) was measured too and did not beat IMAPA alone.
"""

import numpy as np

from dms_app.forecasting.methods import METHODS
from dms_app.forecasting.validation import UNKNOWN_METHOD, check_positive_int, group_by_length

INTERMITTENT_INTERVAL = 1.32
DEFAULT_METHOD = "imapa"
SMOOTH_CANDIDATES = ("seasonal_naive", "holt")
BACKTEST_ORIGINS = 3
MIN_TRAINING_PERIODS = 6


def backtest_errors(y, horizon, season_length, method):
	"""Forecast minus actual of ``method`` from the last origins, shape (n, origins x steps).

	Origins are half a horizon apart and keep at least a season (and ``MIN_TRAINING_PERIODS``) of
	training data, so seasonal naive is judged as itself; too short a history gives zero columns.
	"""
	n_periods = y.shape[1]
	min_training = max(season_length, MIN_TRAINING_PERIODS)
	steps = min(horizon, n_periods - min_training)
	if steps < 1:
		return np.zeros((len(y), 0))
	cutoffs = [n_periods - steps - i * max(1, steps // 2) for i in range(BACKTEST_ORIGINS)]
	return np.concatenate(
		[
			METHODS[method](y[:, :cutoff], steps, season_length) - y[:, cutoff : cutoff + steps]
			for cutoff in cutoffs
			if cutoff >= min_training
		],
		axis=1,
	)


def choose_methods(y, horizon, season_length=12):
	"""Method name per series of ``y`` (n, T) and the backtest RMSE of that method (NaN if no backtest)."""
	demand = y > 0
	names = np.where(demand.any(axis=1), DEFAULT_METHOD, "zero").astype(object)
	errors = backtest_errors(y, horizon, season_length, DEFAULT_METHOD)
	smooth = np.flatnonzero(demand.mean(axis=1) * INTERMITTENT_INTERVAL >= 1)
	if errors.shape[1] and len(smooth):
		best = np.mean(errors[smooth] ** 2, axis=1)
		for method in SMOOTH_CANDIDATES:
			candidate = backtest_errors(y[smooth], horizon, season_length, method)
			score = np.mean(candidate**2, axis=1)
			better = score < best
			names[smooth[better]] = method
			errors[smooth[better]] = candidate[better]
			best = np.where(better, score, best)
	rmse = np.sqrt(np.mean(errors**2, axis=1)) if errors.shape[1] else np.full(len(y), np.nan)
	return names, rmse


def forecast_with(y, names, horizon, season_length=12):
	"""Forecasts of shape (n, horizon), each series by its own method from ``names``."""
	forecasts = np.zeros((len(y), horizon))
	for method in set(names):
		rows = names == method
		forecasts[rows] = METHODS[method](y[rows], horizon, season_length)
	return forecasts


def forecast_many(histories, horizon, season_length=12, method="auto", return_methods=False):
	"""Point forecasts for many demand series at once, shape (n, horizon).

	``histories`` is a 2-D array (series x periods, oldest first) or a sequence of sequences of possibly
	different lengths. ``method`` is "auto" (chosen per series) or a name from ``METHODS``. With
	``return_methods`` the result is ``(forecasts, names)``, names being the method used for each series.
	"""
	horizon = check_positive_int(horizon, "Horizon")
	season_length = check_positive_int(season_length, "Season length")
	if method != "auto" and method not in METHODS:
		raise ValueError(UNKNOWN_METHOD.format(method, ", ".join(["auto", *METHODS])))
	groups = group_by_length(histories)
	n_series = sum(len(indices) for indices, _ in groups)
	forecasts = np.zeros((n_series, horizon))
	names = np.full(n_series, method, dtype=object)
	for indices, y in groups:
		if method == "auto":
			names[indices] = choose_methods(y, horizon, season_length)[0]
		forecasts[indices] = forecast_with(y, names[indices], horizon, season_length)
	return (forecasts, names.tolist()) if return_methods else forecasts


def forecast(history, horizon, season_length=12, method="auto"):
	"""Point forecasts of one demand series (a 1-D sequence, oldest first), shape (horizon,)."""
	return forecast_many([history], horizon, season_length, method)[0]
