"""Accuracy of dms_app.forecasting: automatic choice vs seasonal naive vs each single method.

Two data sets, last 12 months held out:

- synthetic: 5,000 seeded monthly series of 60 months shaped like a dealer's parts demand (mostly
  intermittent with varied interval and lumpiness, some obsolescent, some smooth, seasonal or trending);
- carparts.csv (Hyndman's car parts, GPL: read from the shared data folder, never copied into the repo):
  the 2,509 complete series, train 39 months, test 12, next to the published statsforecast figures.

Scores are averaged over the series whose training data changes at least once (RMSSE and MASE are
undefined otherwise; that is also how the reference figures were computed); bias is over the total.
When statsforecast is installed, its versions of the methods run on the same data in the same run, and
its AutoARIMA runs on a seeded sample of each set (``DMS_ARIMA_SERIES`` series, default 500; 0 for all:
about 11 minutes on car parts) next to our automatic choice on the same sample, to answer the vendors'
claim of 85-89 % accuracy for ARIMA purchase forecasting. Accuracy is stated the way such claims are
usually meant, 1 - WAPE (1 - sum|forecast - actual| / sum actual), per part and month and, more
forgiving, per part over the 12 held-out months (errors within the year cancel out).

Run: python3 benchmarks/bench_forecast_accuracy.py
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dms_app.forecasting import METHODS, bias, forecast_many, mase, rmsse
from dms_app.forecasting.selection import backtest_errors

HORIZON = 12
SEASON = 12
COMBINED = ("ses", "tsb", "adida", "imapa")
CARPARTS_REFERENCE = {
	"SeasonalNaive": (0.985, 0.149),
	"SESOpt": (0.729, 0.178),
	"TSB": (0.725, 0.250),
	"ADIDA": (0.714, 0.050),
	"IMAPA": (0.710, 0.085),
	"AutoETS": (0.771, 0.240),
}
"""statsforecast 2.1.1 RMSSE / bias from shared/data/README.md (AutoARIMA, 0.760 / +16.8 % in 678 s, is skipped)."""
STATSFORECAST_NAMES = {
	"seasonal_naive": "SeasonalNaive",
	"ses": "SESOpt",
	"tsb": "TSB",
	"adida": "ADIDA",
	"imapa": "IMAPA",
}


ARIMA_SERIES = int(os.environ.get("DMS_ARIMA_SERIES", "500"))
VENDOR_CLAIM = (0.85, 0.89)


def accuracy(test, values):
	"""1 - WAPE per part and month, and per part over the whole holdout (totals per series)."""
	monthly = 1 - np.abs(values - test).sum() / test.sum()
	yearly = 1 - np.abs(values.sum(axis=1) - test.sum(axis=1)).sum() / test.sum()
	return monthly, yearly


def synthetic_demand(n_series=5000, n_periods=60, seed=20240601):
	"""Seeded monthly demand of a parts range: returns (series x periods array, kind of each series)."""
	rng = np.random.default_rng(seed)
	months = np.arange(n_periods)
	kinds = rng.choice(
		["intermittent", "obsolescent", "smooth", "seasonal", "trending"],
		size=n_series,
		p=[0.45, 0.12, 0.15, 0.12, 0.16],
	)
	demand = np.zeros((n_series, n_periods))
	for i, kind in enumerate(kinds):
		if kind in ("intermittent", "obsolescent"):
			probability = np.full(n_periods, rng.uniform(0.04, 0.6))
			if kind == "obsolescent":
				start = rng.integers(n_periods // 3, n_periods)
				probability *= np.exp(-rng.uniform(0.05, 0.3) * np.clip(months - start, 0, None))
			mean_size, shape = rng.lognormal(0.5, 0.8), rng.uniform(0.3, 5)  # small shape: lumpy sizes
			sizes = 1 + rng.poisson(rng.gamma(shape, mean_size / shape, n_periods))
			demand[i] = (rng.random(n_periods) < probability) * sizes
		elif kind == "smooth":
			shift = np.where(months >= rng.integers(12, n_periods), rng.uniform(0.6, 1.5), 1.0)
			demand[i] = rng.poisson(rng.lognormal(1.5, 0.8) * shift * rng.gamma(8, 1 / 8, n_periods))
		elif kind == "seasonal":
			pattern = 1 + rng.uniform(0.3, 0.9) * np.sin(2 * np.pi * (months + rng.integers(SEASON)) / SEASON)
			demand[i] = rng.poisson(rng.lognormal(1.5, 0.8) * pattern)
		else:
			growth = rng.choice([-1, 1], p=[0.65, 0.35]) * rng.uniform(0.01, 0.05)
			start = rng.integers(0, n_periods // 2)
			demand[i] = rng.poisson(
				rng.lognormal(1.2, 0.8) * np.exp(growth * np.clip(months - start, 0, None))
			)
	return demand, kinds


def load_carparts():
	"""Complete car-parts series (series x 51 months), or None when the shared data is absent."""
	root = Path(__file__).resolve().parent.parent
	path = Path(os.environ.get("DMS_SHARED_DATA", root.parent / "shared" / "data")) / "carparts.csv"
	if not path.exists():
		return None
	values = np.genfromtxt(path, delimiter=",", skip_header=1)[:, 1:].T
	return values[~np.isnan(values).any(axis=1)]


def unrestricted_selection(train):
	"""Per-series backtest choice among all methods: the variant the library rejects, kept for comparison."""
	names = [name for name in METHODS if name != "zero"]
	scores = np.stack(
		[np.mean(backtest_errors(train, HORIZON, SEASON, name) ** 2, axis=1) for name in names], axis=1
	)
	best = np.argmin(scores, axis=1)
	forecasts = np.stack([METHODS[name](train, HORIZON, SEASON) for name in names], axis=1)
	return forecasts[np.arange(len(train)), best]


def our_forecasts(train):
	"""(label, forecasts, seconds) for the automatic choice, every method and the alternatives."""
	start = time.perf_counter()
	auto, names = forecast_many(train, HORIZON, SEASON, return_methods=True)
	results = [("auto", auto, time.perf_counter() - start)]
	for name in METHODS:
		start = time.perf_counter()
		results.append(
			(name, forecast_many(train, HORIZON, SEASON, method=name), time.perf_counter() - start)
		)
	singles = {label: values for label, values, _ in results}
	combined = np.mean([singles[name] for name in COMBINED], axis=0)
	results.append(("mean of " + " + ".join(COMBINED), combined, None))
	start = time.perf_counter()
	results.append(("backtest over all methods", unrestricted_selection(train), time.perf_counter() - start))
	chosen, counts = np.unique(names, return_counts=True)
	print("auto chose: " + ", ".join(f"{name} {count}" for name, count in zip(chosen, counts, strict=True)))
	return results


def statsforecast_runs(train, horizon=HORIZON, with_auto_ets=True):
	"""statsforecast's equivalents of our methods on ``train`` (2 jobs), keyed by our method name (plus
	"auto_ets"): {name: (statsforecast's label, forecasts, seconds)}; {} when it is not installed."""
	try:
		import pandas as pd
		from statsforecast import StatsForecast
		from statsforecast.models import (
			ADIDA,
			IMAPA,
			TSB,
			AutoETS,
			CrostonClassic,
			CrostonSBA,
			Naive,
			SeasonalNaive,
			SimpleExponentialSmoothingOptimized,
		)
	except ImportError:
		print("statsforecast not installed: its rows are skipped")
		return {}
	n_series, n_periods = train.shape
	frame = pd.DataFrame(
		{
			"unique_id": np.repeat(np.arange(n_series), n_periods),
			"ds": np.tile(np.arange(n_periods), n_series),
			"y": train.ravel(),
		}
	)
	models = {
		"seasonal_naive": SeasonalNaive(SEASON),
		"naive": Naive(),
		"ses": SimpleExponentialSmoothingOptimized(),
		"holt": AutoETS(model="AAN", damped=True, alias="Holt damped"),
		"croston": CrostonClassic(),
		"sba": CrostonSBA(),
		"tsb": TSB(alpha_d=0.1, alpha_p=0.1),
		"adida": ADIDA(),
		"imapa": IMAPA(),
	}
	if with_auto_ets:
		models["auto_ets"] = AutoETS(season_length=SEASON)
	results = {}
	for name, model in models.items():
		start = time.perf_counter()
		output = StatsForecast(models=[model], freq=1, n_jobs=2).forecast(df=frame, h=horizon)
		seconds = time.perf_counter() - start
		values = output.sort_values(["unique_id", "ds"])[str(model)].to_numpy().reshape(n_series, horizon)
		results[name] = (str(model), values, seconds)
	return results


def auto_arima_run(train, horizon=HORIZON):
	"""statsforecast's AutoARIMA (season 12, 2 jobs): (forecasts, seconds), or None when not installed."""
	try:
		import pandas as pd
		from statsforecast import StatsForecast
		from statsforecast.models import AutoARIMA
	except ImportError:
		return None
	n_series, n_periods = train.shape
	frame = pd.DataFrame(
		{
			"unique_id": np.repeat(np.arange(n_series), n_periods),
			"ds": np.tile(np.arange(n_periods), n_series),
			"y": train.ravel(),
		}
	)
	start = time.perf_counter()
	output = StatsForecast(models=[AutoARIMA(season_length=SEASON)], freq=1, n_jobs=2).forecast(
		df=frame, h=horizon
	)
	seconds = time.perf_counter() - start
	values = output.sort_values(["unique_id", "ds"])["AutoARIMA"].to_numpy().reshape(n_series, horizon)
	return np.clip(values, 0, None), seconds


def arima_comparison(title, train, test, auto):
	"""Our automatic choice vs AutoARIMA on the same seeded sample; returns the summary line for the claim."""
	n = len(train) if ARIMA_SERIES <= 0 else min(ARIMA_SERIES, len(train))
	sample = np.sort(np.random.default_rng(7).choice(len(train), n, replace=False))
	arima = auto_arima_run(train[sample])
	if arima is None:
		print("\nstatsforecast not installed: AutoARIMA comparison skipped")
		return None
	arima_values, seconds = arima
	sample_train, sample_test = train[sample], test[sample]
	print(f"\n### {title}: automatic choice vs AutoARIMA on the same {n} series (seeded sample)\n")
	print(
		"| method | RMSSE | MASE | bias | accuracy 1-WAPE (part x month) | accuracy 1-WAPE (part x 12 months) | time s |"
	)
	print("|---|---|---|---|---|---|---|")
	scores = {}
	for label, values, secs in (
		("auto (ours)", auto[sample], None),
		("statsforecast AutoARIMA", arima_values, seconds),
	):
		monthly, yearly = accuracy(sample_test, values)
		scores[label] = (np.nanmean(rmsse(sample_test, values, sample_train)), monthly, yearly)
		print(
			f"| {label} | {scores[label][0]:.3f} | {np.nanmean(mase(sample_test, values, sample_train)):.3f}"
			f" | {bias(sample_test.ravel(), values.ravel()):+.1%} | {monthly:.1%} | {yearly:.1%}"
			f" | {'' if secs is None else f'{secs:.1f}'} |"
		)
	ours, theirs = scores["auto (ours)"], scores["statsforecast AutoARIMA"]
	return (
		f"{title} ({n} series): 1-WAPE per part x month ours {ours[1]:.1%} vs ARIMA {theirs[1]:.1%}"
		f" ({(ours[1] - theirs[1]) * 100:+.1f} points); per part x 12 months ours {ours[2]:.1%} vs ARIMA"
		f" {theirs[2]:.1%} ({(ours[2] - theirs[2]) * 100:+.1f} points); RMSSE ours {ours[0]:.3f} vs ARIMA"
		f" {theirs[0]:.3f} ({ours[0] / theirs[0] - 1:+.1%})"
	)


def report(title, train, test, reference=None):
	scored = np.diff(train, axis=1).any(axis=1)
	train, test = train[scored], test[scored]
	print(f"\n## {title}: {len(train)} series, train {train.shape[1]}, test {test.shape[1]}\n")
	theirs = statsforecast_runs(train)
	rows = our_forecasts(train) + [(f"statsforecast {label}", v, sec) for label, v, sec in theirs.values()]
	header = "| method | RMSSE | MASE | bias | 1-WAPE | time s |"
	if reference:
		header += " reference RMSSE / bias |"
	print(header)
	print("|" + "---|" * (header.count("|") - 1))
	for label, values, seconds in rows:
		line = (
			f"| {label} | {np.nanmean(rmsse(test, values, train)):.3f} | {np.nanmean(mase(test, values, train)):.3f}"
			f" | {bias(test.ravel(), values.ravel()):+.1%} | {accuracy(test, values)[0]:.1%}"
			f" | {'' if seconds is None else f'{seconds:.2f}'} |"
		)
		if reference:
			name = label.removeprefix("statsforecast ")
			known = reference.get(STATSFORECAST_NAMES.get(name, name))
			line += f" {known[0]:.3f} / {known[1]:+.1%} |" if known else " |"
		print(line)
	return arima_comparison(title, train, test, rows[0][1])


def main():
	demand, kinds = synthetic_demand()
	share = ", ".join(f"{kind} {np.mean(kinds == kind):.0%}" for kind in np.unique(kinds))
	print(f"synthetic: {share}; {np.mean(demand == 0):.0%} of months without demand")
	lines = [report("synthetic", demand[:, :-HORIZON], demand[:, -HORIZON:])]
	carparts = load_carparts()
	if carparts is None:
		print("\ncarparts.csv not found (set DMS_SHARED_DATA): car-parts table skipped")
	else:
		lines.append(report("carparts", carparts[:, :-HORIZON], carparts[:, -HORIZON:], CARPARTS_REFERENCE))
	lines = [line for line in lines if line]
	if lines:
		low, high = VENDOR_CLAIM
		print(f"\n## Against the vendors' claim ({low:.0%}-{high:.0%} accuracy with ARIMA)\n")
		for line in lines:
			print(f"- {line}")
		print(
			"- On intermittent parts demand neither method is anywhere near 85-89 % per part and month: that"
			" figure is not reproducible at the level a parts order is placed, only on smooth or aggregated"
			" series. What we claim is the measured difference above, on the same series in the same run."
		)


if __name__ == "__main__":
	main()
