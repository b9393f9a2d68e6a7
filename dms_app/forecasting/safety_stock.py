"""Safety stock, reorder point and order-up-to level of a periodic-review policy.

Demand over the protection interval (lead time L + review period R) is taken as normal with mean
``mean_demand x (L + R)`` and standard deviation ``demand_std x sqrt(L + R)``. ``demand_std`` is the
root mean squared error of the chosen method in its backtest: the uncertainty that matters is that of the
forecast, not of the demand around its average. The reorder point (ERPNext's re-order level) covers the
lead time, the order-up-to level the whole protection interval, both plus the safety stock. For
intermittent parts the normal approximation is rough, so every quantity is clipped at zero, and a part
never sold gets zeros.
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from dms_app.forecasting.selection import choose_methods, forecast_with
from dms_app.forecasting.validation import group_by_length

BAD_SERVICE_LEVEL = "Service level must be between 0 and 1 (exclusive), got {0!r}."
BAD_PERIODS = "Lead time and review period must be non-negative and not both zero, got {0!r} and {1!r}."
EMPTY_FORECAST = "The forecast must contain at least one period."


@dataclass(frozen=True)
class ReorderPolicy:
	"""Quantities per period or in units; ``method`` is the forecasting method used (None if given)."""

	mean_demand: float
	demand_std: float
	safety_stock: float
	reorder_point: float
	order_up_to: float
	method: str | None


def reorder_policy(history, lead_time, review_period=1, service_level=0.95, forecast=None, season_length=12):
	"""Reorder policy of one part from its demand history (periods oldest first).

	``lead_time`` and ``review_period`` are in periods of the history. Without ``forecast`` the demand is
	forecast here and its standard deviation is the backtest error of the chosen method; with a
	``forecast`` (per-period values, e.g. already stored) the standard deviation is that of the history,
	as no backtest of that forecast exists.
	"""
	if not 0 < service_level < 1:
		raise ValueError(BAD_SERVICE_LEVEL.format(service_level))
	if lead_time < 0 or review_period < 0 or lead_time + review_period <= 0:
		raise ValueError(BAD_PERIODS.format(lead_time, review_period))
	[(_, y)] = group_by_length([history])
	protection = lead_time + review_period
	horizon = max(1, math.ceil(protection))
	method = None
	backtest_rmse = np.nan
	if forecast is None:
		names, rmse = choose_methods(y, horizon, season_length)
		forecast = forecast_with(y, names, horizon, season_length)[0]
		method, backtest_rmse = names[0], rmse[0]
	forecast = np.asarray(forecast, dtype=float)[:horizon]
	if forecast.size == 0:
		raise ValueError(EMPTY_FORECAST)
	mean_demand = max(float(forecast.mean()), 0.0)
	if np.isnan(backtest_rmse):
		backtest_rmse = y[0].std(ddof=1) if y.shape[1] > 1 else 0.0
	demand_std = float(backtest_rmse)
	z = NormalDist().inv_cdf(service_level)
	safety_stock = max(z * demand_std * math.sqrt(protection), 0.0)
	return ReorderPolicy(
		mean_demand=mean_demand,
		demand_std=demand_std,
		safety_stock=safety_stock,
		reorder_point=mean_demand * lead_time + safety_stock,
		order_up_to=mean_demand * protection + safety_stock,
		method=method,
	)
