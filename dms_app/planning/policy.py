"""Order quantities from forecasts and stock positions (plain Python, no database)."""

import math

import numpy as np


def reorder_quantity(reorder_point: float, order_up_to: float, projected_qty: float) -> float:
	"""Quantity to request for a part, 0 when its projected stock is above the reorder point.

	Same rule as ERPNext's own reorder (projected quantity at or below the re-order level), ordering up to
	the order-up-to level in whole units. A part with no reorder point (no demand) is never requested.
	"""
	if reorder_point <= 0 or projected_qty > reorder_point:
		return 0.0
	return float(max(math.ceil(order_up_to - projected_qty - 1e-9), 1))


def vehicle_order_quantity(order_up_to: float, in_stock: int, in_transit: int, on_order: int) -> int:
	"""Vehicles to order so that stock + pipeline reaches the order-up-to level (never negative).

	In-transit vehicles are not received yet, so they are still counted on their open Purchase Order: the
	pipeline is the larger of the two, not their sum (the sum would count a shipped vehicle twice).
	"""
	return max(math.ceil(order_up_to - (in_stock + max(in_transit, on_order)) - 1e-9), 0)


def holdout_scores(actual, forecast, history):
	"""Per series: accuracy as 1 - WAPE (None without demand in the holdout) and MASE (None if undefined).

	``actual`` and ``forecast`` are (n, h) arrays; ``history`` the training series (a list, ragged). MASE
	scales by the in-sample one-step naive error, as dms_app.forecasting.metrics does.
	"""
	actual = np.asarray(actual, dtype=float)
	errors = np.abs(np.asarray(forecast, dtype=float) - actual).sum(axis=1)
	totals = actual.sum(axis=1)
	accuracy, mase = [], []
	for i, train in enumerate(history):
		accuracy.append(float(1 - errors[i] / totals[i]) if totals[i] > 0 else None)
		scale = float(np.mean(np.abs(np.diff(train)))) if len(train) > 1 else 0.0
		mase.append(float(errors[i] / actual.shape[1] / scale) if scale > 0 else None)
	return accuracy, mase
