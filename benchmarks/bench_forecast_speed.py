"""Speed and memory of dms_app.forecasting.forecast_many on 20,000 monthly series x 48 months, horizon 12.

Reports the automatic choice (backtest included) on a 2-D array and on ragged lists, each single method,
and, when statsforecast is installed, the same methods in statsforecast on the same data (2 jobs, the
machine's 2 cores) with the time ratio. statsforecast's comparator for the automatic choice is a lower
bound: it only fits the three candidates once, without the backtest that our time includes.

Run: python3 benchmarks/bench_forecast_speed.py
"""

import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_forecast_accuracy import statsforecast_runs, synthetic_demand

from dms_app.forecasting import METHODS, forecast_many
from dms_app.forecasting.selection import DEFAULT_METHOD, SMOOTH_CANDIDATES

N_SERIES = 20_000
N_PERIODS = 48
HORIZON = 12
REPEATS = 3
STATSFORECAST_MODELS = {
	"seasonal_naive": "SeasonalNaive",
	"naive": "Naive",
	"ses": "SESOpt",
	"holt": "Holt damped",
	"croston": "CrostonClassic",
	"sba": "CrostonSBA",
	"tsb": "TSB",
	"adida": "ADIDA",
	"imapa": "IMAPA",
}


def median_seconds(function):
	times = []
	for _ in range(REPEATS):
		start = time.perf_counter()
		function()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def max_rss_mib():
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
	demand, _ = synthetic_demand(N_SERIES, N_PERIODS, seed=7)
	lengths = np.random.default_rng(7).integers(24, N_PERIODS + 1, N_SERIES)
	ragged = [row[N_PERIODS - length :] for row, length in zip(demand, lengths, strict=True)]
	print(f"{N_SERIES} series x {N_PERIODS} months, horizon {HORIZON}, median of {REPEATS} runs\n")

	rss_before = max_rss_mib()
	auto = median_seconds(lambda: forecast_many(demand, HORIZON))
	rss_growth = max_rss_mib() - rss_before
	tracemalloc.start()
	forecast_many(demand, HORIZON)
	peak = tracemalloc.get_traced_memory()[1] / 2**20
	tracemalloc.stop()
	ragged_seconds = median_seconds(lambda: forecast_many(ragged, HORIZON))
	print(f"forecast_many auto, 2-D array:            {auto:.2f} s")
	print(f"forecast_many auto, ragged (24-48 months): {ragged_seconds:.2f} s")
	print(f"peak memory (tracemalloc):                {peak:.0f} MiB; max RSS growth {rss_growth:.0f} MiB")

	ours = {
		name: median_seconds(lambda name=name: forecast_many(demand, HORIZON, method=name))
		for name in METHODS
	}
	theirs = {
		name: seconds
		for name, (_label, _values, seconds) in statsforecast_runs(
			demand, HORIZON, with_auto_ets=False
		).items()
	}
	print("\n| method | dms_app s | statsforecast s | ratio |")
	print("|---|---|---|---|")
	for name, seconds in ours.items():
		if name in theirs:
			print(f"| {name} | {seconds:.3f} | {theirs[name]:.2f} | {theirs[name] / seconds:.0f}x |")
		else:
			print(f"| {name} | {seconds:.3f} | | |")
	if theirs:
		candidates = sum(theirs[name] for name in (DEFAULT_METHOD, *SMOOTH_CANDIDATES))
		print(
			f"| auto (ours with backtest; theirs: 3 candidates fitted once) | {auto:.3f} | {candidates:.2f}",
			end="",
		)
		print(f" | {candidates / auto:.0f}x |")
		total = sum(theirs.values())
		print(f"| all {len(theirs)} methods | {sum(ours[name] for name in theirs):.3f} | {total:.2f}", end="")
		print(f" | {total / sum(ours[name] for name in theirs):.0f}x |")


if __name__ == "__main__":
	main()
