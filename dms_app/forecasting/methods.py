"""Forecasting methods, each vectorised over the series axis.

Every method takes ``y`` of shape (n, T): n non-negative demand series of the same length T ≥ 1, oldest
period first (a 1-D array is one series), and returns point forecasts of shape (n, horizon). The loops
run over time (tens of periods), never over series, so 20,000 series cost about as much as one numpy
operation on 20,000-element arrays per period and parameter.

Smoothing weights are chosen per series from a small grid by in-sample one-step squared error; a
grid of a dozen values gives the same accuracy as a continuous optimiser for these one-parameter models
and needs no per-series loop.
"""

import numpy as np

SES_ALPHAS = np.array([0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99])
AGGREGATE_ALPHAS = np.linspace(0.1, 0.3, 5)
"""Narrower range for aggregated series (ADIDA, IMAPA), as in statsforecast: few points, heavy smoothing."""
CROSTON_ALPHA = 0.1
TSB_ALPHA_DEMAND = 0.1
TSB_ALPHA_PROBABILITY = 0.1
HOLT_ALPHAS = np.array([0.1, 0.3, 0.6, 0.9])
HOLT_BETAS = np.array([0.02, 0.1, 0.3])
"""Trend weights as a fraction of alpha (the error-correction form keeps beta* = alpha x beta ≤ alpha)."""
HOLT_PHIS = np.array([0.8, 0.9, 0.98])


def _as_2d(y):
	return np.atleast_2d(np.asarray(y, dtype=float))


def _flat(values, horizon):
	return np.repeat(values[:, None], horizon, axis=1)


def zero(y, horizon, season_length=12):
	"""All-zero forecast: the fallback for all-zero histories (and a benchmark baseline)."""
	return np.zeros((_as_2d(y).shape[0], horizon))


def naive(y, horizon, season_length=12):
	y = _as_2d(y)
	return _flat(y[:, -1], horizon)


def seasonal_naive(y, horizon, season_length=12):
	"""Repeat the last full season; naive when the history is shorter than one season."""
	y = _as_2d(y)
	n_periods = y.shape[1]
	if n_periods < season_length:
		return naive(y, horizon)
	return y[:, n_periods - season_length + np.arange(horizon) % season_length]


def _ses_grid(y, alphas):
	"""Final level and in-sample one-step SSE of SES for every series (rows) and weight (columns).

	The level starts at the first observation, as in statsforecast and R's forecast::ses(initial="simple").
	"""
	level = np.repeat(y[:, :1], len(alphas), axis=1)
	sse = np.zeros_like(level)
	for t in range(1, y.shape[1]):
		err = y[:, t, None] - level
		sse += err * err
		level += alphas * err
	return level, sse


def _ses_optimised(y, alphas):
	level, sse = _ses_grid(y, alphas)
	return level[np.arange(len(y)), np.argmin(sse, axis=1)]


def ses(y, horizon, season_length=12):
	"""Simple exponential smoothing with the weight optimised per series."""
	return _flat(_ses_optimised(_as_2d(y), SES_ALPHAS), horizon)


def holt(y, horizon, season_length=12):
	"""Damped additive-trend exponential smoothing (ETS(A,Ad,N)) with a per-series grid search.

	The initial trend is the average slope over the first season, so a declining part starts declining.
	"""
	y = _as_2d(y)
	n_series, n_periods = y.shape
	alpha, beta, phi = (g.ravel() for g in np.meshgrid(HOLT_ALPHAS, HOLT_BETAS, HOLT_PHIS, indexing="ij"))
	span = min(n_periods - 1, season_length)
	slope = (y[:, span] - y[:, 0]) / span if span else np.zeros(n_series)
	level = np.repeat(y[:, :1], len(alpha), axis=1)
	trend = np.repeat(slope[:, None], len(alpha), axis=1)
	sse = np.zeros_like(level)
	for t in range(1, n_periods):
		predicted = level + phi * trend
		err = y[:, t, None] - predicted
		sse += err * err
		level = predicted + alpha * err
		trend = phi * trend + alpha * beta * err
	best = np.argmin(sse, axis=1)
	rows = np.arange(n_series)
	damped_steps = np.cumsum(phi[:, None] ** np.arange(1, horizon + 1), axis=1)
	forecasts = level[rows, best, None] + damped_steps[best] * trend[rows, best, None]
	return np.maximum(forecasts, 0.0)


def _smooth_where(values, update, alpha):
	"""SES of ``values`` over the periods where ``update`` holds; NaN for series where it never holds."""
	level = np.full(values.shape[0], np.nan)
	for t in range(values.shape[1]):
		current = values[:, t]
		smoothed = np.where(np.isnan(level), current, level + alpha * (current - level))
		level = np.where(update[:, t], smoothed, level)
	return level


def _inter_demand_intervals(y):
	"""Periods since the previous demand (the first counts from before the history), at each period."""
	periods = np.arange(y.shape[1])
	last_demand = np.maximum.accumulate(np.where(y > 0, periods, -1), axis=1)
	previous = np.concatenate([np.full((len(y), 1), -1), last_demand[:, :-1]], axis=1)
	return periods - previous


def croston(y, horizon, season_length=12):
	"""Croston's method: smoothed demand size over smoothed interval between demands (alpha 0.1)."""
	y = _as_2d(y)
	demand = y > 0
	size = _smooth_where(y, demand, CROSTON_ALPHA)
	interval = _smooth_where(_inter_demand_intervals(y), demand, CROSTON_ALPHA)
	return _flat(np.nan_to_num(size / interval), horizon)


def sba(y, horizon, season_length=12):
	"""Syntetos-Boylan approximation: Croston times (1 - alpha/2), removing Croston's upward bias."""
	return croston(y, horizon) * (1 - CROSTON_ALPHA / 2)


def tsb(y, horizon, season_length=12):
	"""Teunter-Syntetos-Babai: smoothed demand probability (every period) times smoothed demand size.

	Unlike Croston, the probability decays during long runs of zeros, so obsolete parts fade out.
	"""
	y = _as_2d(y)
	demand = y > 0
	probability = _smooth_where(demand.astype(float), np.ones_like(demand), TSB_ALPHA_PROBABILITY)
	size = _smooth_where(y, demand, TSB_ALPHA_DEMAND)
	return _flat(np.nan_to_num(probability * size), horizon)


def _aggregation_levels(y):
	"""Mean inter-demand interval rounded to whole periods (at least 1), as ADIDA/IMAPA use."""
	demand = y > 0
	last_demand = np.where(demand.any(axis=1), y.shape[1] - 1 - np.argmax(demand[:, ::-1], axis=1), 0)
	mean_interval = (last_demand + 1) / np.maximum(demand.sum(axis=1), 1)
	return np.maximum(np.rint(mean_interval), 1).astype(int)


def _aggregated_ses(y, level):
	"""SES forecast per period from non-overlapping sums of ``level`` periods ending at the last one."""
	n_series, n_periods = y.shape
	n_buckets = n_periods // level
	buckets = y[:, n_periods - n_buckets * level :].reshape(n_series, n_buckets, level).sum(axis=2)
	return _ses_optimised(buckets, AGGREGATE_ALPHAS) / level


def adida(y, horizon, season_length=12):
	"""Aggregate-disaggregate: SES on sums over the mean inter-demand interval, spread back evenly."""
	y = _as_2d(y)
	levels = _aggregation_levels(y)
	result = np.zeros(len(y))
	for level in np.unique(levels):
		rows = levels == level
		result[rows] = _aggregated_ses(y[rows], level)
	return _flat(result, horizon)


def imapa(y, horizon, season_length=12):
	"""ADIDA averaged over every aggregation level from 1 to the mean inter-demand interval."""
	y = _as_2d(y)
	levels = _aggregation_levels(y)
	total = np.zeros(len(y))
	for level in range(1, levels.max() + 1):
		rows = levels >= level
		total[rows] += _aggregated_ses(y[rows], level)
	return _flat(total / levels, horizon)


METHODS = {
	"zero": zero,
	"naive": naive,
	"seasonal_naive": seasonal_naive,
	"ses": ses,
	"holt": holt,
	"croston": croston,
	"sba": sba,
	"tsb": tsb,
	"adida": adida,
	"imapa": imapa,
}
