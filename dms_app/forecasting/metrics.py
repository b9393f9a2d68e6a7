"""Forecast accuracy metrics, vectorised over series.

``actual`` and ``forecast`` are (n, h) arrays giving one value per series, or 1-D arrays for one series
giving a float. ``history`` is the training data the scale of MASE and RMSSE comes from: for many series
a 2-D array or a sequence of sequences of any lengths, for one series a 1-D sequence.

MASE and RMSSE divide by the in-sample error of the (seasonal) naive method, so they are NaN for a
series whose history never changes: average them with ``np.nanmean``. Judge spare parts by RMSSE and bias
together: an all-zero forecast often has the best MASE, and a bias of -100 %.
"""

import numpy as np


def _paired(actual, forecast):
	actual = np.asarray(actual, dtype=float)
	return np.atleast_2d(actual), np.atleast_2d(np.asarray(forecast, dtype=float)), actual.ndim == 1


def _naive_scale(histories, season_length, power):
	"""Mean of |y_t - y_{t-m}| ** power over each history; NaN where it is zero or undefined."""
	if not (isinstance(histories, np.ndarray) and histories.ndim == 2):
		return np.concatenate(
			[_naive_scale(np.asarray(h, dtype=float)[None, :], season_length, power) for h in histories]
		)
	differences = np.abs(histories[:, season_length:] - histories[:, :-season_length]) ** power
	if differences.shape[1] == 0:
		return np.full(len(histories), np.nan)
	scale = differences.mean(axis=1)
	return np.where(scale > 0, scale, np.nan)


def _result(values, single):
	return float(values[0]) if single else values


def mase(actual, forecast, history, season_length=1):
	"""Mean absolute error over the in-sample mean absolute error of the (seasonal) naive method."""
	actual, forecast, single = _paired(actual, forecast)
	scale = _naive_scale([history] if single else history, season_length, 1)
	return _result(np.mean(np.abs(actual - forecast), axis=1) / scale, single)


def rmsse(actual, forecast, history, season_length=1):
	"""Root mean squared error over the in-sample root mean squared (seasonal) naive error."""
	actual, forecast, single = _paired(actual, forecast)
	scale = _naive_scale([history] if single else history, season_length, 2)
	return _result(np.sqrt(np.mean((actual - forecast) ** 2, axis=1) / scale), single)


def bias(actual, forecast):
	"""(Σ forecast - Σ actual) / Σ actual per series; NaN where nothing was sold.

	For the bias of a whole data set, pass flattened arrays (``actual.ravel()``, ``forecast.ravel()``).
	"""
	actual, forecast, single = _paired(actual, forecast)
	total = actual.sum(axis=1)
	with np.errstate(divide="ignore", invalid="ignore"):
		ratio = np.where(total > 0, (forecast.sum(axis=1) - total) / total, np.nan)
	return _result(ratio, single)
