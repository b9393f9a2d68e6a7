"""Forecasts of one chunk of series and their Demand Forecast rows (shared by the parts and vehicle jobs)."""

import hashlib
import json

import frappe
import numpy as np
from frappe.utils import flt, now_datetime

from dms_app.forecasting import forecast_many, reorder_policy
from dms_app.planning.policy import holdout_scores

HOLDOUT = 3
"""Last periods held out to score each series' automatic choice (stored as its accuracy)."""


def forecast_series(histories, horizon, lead_time, review_period, service_level):
	"""Per series: method, forecast, reorder policy and holdout scores; plus the chunk's holdout totals.

	Lead time and review period are in periods (months). The reorder policy takes the stored forecast so
	the reorder point follows the same method the row shows.
	"""
	forecasts, methods = forecast_many(histories, horizon, return_methods=True)
	scored = [i for i, h in enumerate(histories) if len(h) > HOLDOUT]
	accuracy, mase = [None] * len(histories), [None] * len(histories)
	totals = {"holdout_abs_error": 0.0, "holdout_actual": 0.0}
	if scored:
		train = [histories[i][:-HOLDOUT] for i in scored]
		actual = np.array([histories[i][-HOLDOUT:] for i in scored])
		predicted = forecast_many(train, HOLDOUT)
		for k, (acc, m) in enumerate(zip(*holdout_scores(actual, predicted, train), strict=True)):
			accuracy[scored[k]], mase[scored[k]] = acc, m
		totals = {
			"holdout_abs_error": float(np.abs(predicted - actual).sum()),
			"holdout_actual": float(actual.sum()),
		}
	results = []
	for i, history in enumerate(histories):
		policy = reorder_policy(history, lead_time, review_period, service_level, forecast=forecasts[i])
		results.append(
			{
				"method": methods[i],
				"forecast": forecasts[i],
				"policy": policy,
				"accuracy": None if accuracy[i] is None else 100 * accuracy[i],
				"mase": mase[i],
			}
		)
	return results, totals


def finish_forecasts(run, forecast_for: str):
	"""Drop the forecasts of series this run no longer has (no demand any more) and store its accuracy."""
	frappe.db.delete(
		"Demand Forecast",
		{"forecast_for": forecast_for, "company": run.company, "forecast_run": ("!=", run.name)},
	)
	if run.holdout_actual:
		run.accuracy = 100 * (1 - flt(run.holdout_abs_error) / flt(run.holdout_actual))
		run.db_set("accuracy", run.accuracy)


def forecast_name(key: str) -> str:
	"""Stable record name of a forecast key (keys can be longer than a name may be)."""
	return "DF-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def write_forecasts(run, rows: list[dict]):
	"""Replace the Demand Forecast rows of these keys with ``rows`` (dicts of field values incl. forecast_key)."""
	if not rows:
		return 0
	keys = [row["forecast_key"] for row in rows]
	frappe.db.delete("Demand Forecast", {"forecast_key": ("in", keys)})
	now, user = now_datetime(), frappe.session.user
	fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "forecast_run", "company"]
	fields += sorted(rows[0])
	values = [
		[forecast_name(row["forecast_key"]), now, now, user, user, 0, run.name, run.company]
		+ [row[f] for f in fields[8:]]
		for row in rows
	]
	frappe.db.bulk_insert("Demand Forecast", fields, values)
	return len(rows)


def forecast_fields(history, result, first_period) -> dict:
	"""Demand Forecast values of one series; ``first_period`` is the first month after its history."""
	policy = result["policy"]
	values = [round(float(v), 4) for v in result["forecast"]]
	return {
		"method": result["method"],
		"period": "Month",
		"history_periods": len(history),
		"first_period": first_period,
		"horizon": len(values),
		"next_period_forecast": values[0],
		"horizon_total": round(sum(values), 4),
		"forecast_values": json.dumps(values),
		"history_values": json.dumps([round(float(v), 4) for v in history]),
		"demand_std": round(policy.demand_std, 4),
		"safety_stock": round(policy.safety_stock, 4),
		"reorder_point": round(policy.reorder_point, 4),
		"order_up_to": round(policy.order_up_to, 4),
		"holdout_scored": int(result["accuracy"] is not None),
		"accuracy": result["accuracy"] or 0,
		"mase": result["mase"] or 0,
	}
