"""Benchmark dms_app.vin.decode against the PyPI package vininfo, and measure accuracy on real VINs.

Run from the repository root: ``python3 benchmarks/bench_vin_decode.py [count]``. Needs ``vininfo``
(``pip install vininfo``); ``ultravin`` is optional (the "ours + vPIC" accuracy row). The corpus is
read from ``$DMS_SHARED_DATA`` or ``../shared/data`` next to the repository.
"""

import csv
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from vininfo import Vin

from dms_app.vin import check_digit, decode, decode_many
from dms_app.vin.model_year import YEAR_CODES
from dms_app.vin.structure import ALPHABET
from dms_app.vin.vpic import available as vpic_available
from dms_app.vin.wmi import SHIPPED

SEED = 20240601
DIGITS = "0123456789"
LETTERS = ALPHABET[:23]


def corpus_rows() -> list[dict[str, str]]:
	folder = Path(os.environ.get("DMS_SHARED_DATA") or REPO.parent / "shared" / "data")
	path = folder / "vin_corpus_public.csv"
	if not path.exists():
		sys.exit(f"corpus not found: {path} (set DMS_SHARED_DATA)")
	with path.open(encoding="utf-8", newline="") as file:
		return list(csv.DictReader(file))


def synthetic_vin(rng: random.Random, wmi: str, north_american: bool) -> str:
	"""A VIN with a real WMI, a random VDS, a year code matching position 7, and a valid check digit."""
	year = rng.randint(1990, 2026)
	code = YEAR_CODES[(year - 1980) % 30]
	vds = [rng.choice(ALPHABET) for _ in range(5)]
	if north_american:
		vds[3] = rng.choice(LETTERS if year >= 2010 else DIGITS)
	serial = "".join(rng.choice(DIGITS) for _ in range(6))
	if len(wmi) == 6:
		wmi, serial = wmi[:3], wmi[3:] + serial[3:]
	vin = f"{wmi}{''.join(vds)}0{code}{rng.choice(ALPHABET)}{serial}"
	return vin[:8] + check_digit(vin) + vin[9:]


def benchmark_vins(count: int, corpus: list[str]) -> list[str]:
	rng = random.Random(SEED)
	wmis = sorted(SHIPPED.items())
	vins = list(corpus)
	while len(vins) < count:
		wmi, record = rng.choice(wmis)
		vins.append(synthetic_vin(rng, wmi, record.north_american))
	rng.shuffle(vins)
	return vins


def run_ours(vins: list[str]) -> float:
	start = time.perf_counter()
	for vin in vins:
		info = decode(vin)
		(info.manufacturer, info.country, info.region, info.model_year_candidates, info.check_digit_valid)
	return time.perf_counter() - start


def run_vininfo(vins: list[str]) -> float:
	start = time.perf_counter()
	for vin in vins:
		info = Vin(vin)
		(info.manufacturer, info.country, info.region, info.years, info.verify_checksum())
	return time.perf_counter() - start


def accuracy(rows: list[dict[str, str]], makes: list[str | None], years: list[int | None]) -> str:
	with_make = [(row, make) for row, make in zip(rows, makes, strict=True) if row["make"]]
	with_year = [(row, year) for row, year in zip(rows, years, strict=True) if row["model_year"]]
	make_ok = sum((make or "").lower() == row["make"].lower() for row, make in with_make)
	year_ok = sum(year == int(row["model_year"]) for row, year in with_year)
	return (
		f"make {make_ok}/{len(with_make)} = {100 * make_ok / len(with_make):5.1f} %   "
		f"model year {year_ok}/{len(with_year)} = {100 * year_ok / len(with_year):5.1f} %"
	)


def vininfo_pick(vin: str) -> tuple[str | None, int | None]:
	info = Vin(vin)
	years = info.years
	return info.manufacturer, (years[0] if years else None)


def main() -> None:
	count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
	rows = corpus_rows()
	vins = benchmark_vins(count, [row["vin"] for row in rows])
	decode(vins[0]), Vin(vins[0])  # warm-up (lazy imports, year tables)

	ours = min(run_ours(vins) for _ in range(3))
	theirs = min(run_vininfo(vins) for _ in range(3))
	print(f"decoding {len(vins):,} VINs ({len(rows)} real, the rest synthetic with shipped WMIs), best of 3")
	print(f"  dms_app.vin.decode : {len(vins) / ours:>10,.0f} VINs/s  ({1e6 * ours / len(vins):.2f} µs/VIN)")
	print(
		f"  vininfo.Vin        : {len(vins) / theirs:>10,.0f} VINs/s  ({1e6 * theirs / len(vins):.2f} µs/VIN)"
	)
	print(f"  speed-up           : {theirs / ours:.1f}x")

	print(f"accuracy on {len(rows)} real VINs")
	infos = decode_many([row["vin"] for row in rows])
	print("  ours        :", accuracy(rows, [i.make for i in infos], [i.model_year for i in infos]))
	if vpic_available():
		infos = decode_many([row["vin"] for row in rows], vpic=True)
		print("  ours + vPIC :", accuracy(rows, [i.make for i in infos], [i.model_year for i in infos]))
	else:
		print("  ours + vPIC : skipped (pip install ultravin)")
	picks = [vininfo_pick(row["vin"]) for row in rows]
	print("  vininfo     :", accuracy(rows, [make for make, _ in picks], [year for _, year in picks]))


if __name__ == "__main__":
	main()
