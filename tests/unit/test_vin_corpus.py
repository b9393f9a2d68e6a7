"""Accuracy over the shared corpus of 200 real VINs (skipped where the corpus is not available)."""

import csv
import os
from pathlib import Path

import pytest

from dms_app.vin import decode_many

REPO = Path(__file__).resolve().parents[2]


def corpus_path() -> Path | None:
	for folder in (os.environ.get("DMS_SHARED_DATA"), REPO.parent / "shared" / "data", "/work/shared/data"):
		if folder and (Path(folder) / "vin_corpus_public.csv").exists():
			return Path(folder) / "vin_corpus_public.csv"
	return None


@pytest.mark.skipif(corpus_path() is None, reason="shared VIN corpus not available")
def test_make_and_model_year_accuracy():
	with corpus_path().open(encoding="utf-8", newline="") as file:
		rows = list(csv.DictReader(file))
	infos = decode_many([row["vin"] for row in rows])
	assert all(info.valid for info in infos), [info.errors for info in infos if not info.valid]
	makes = [(row, info) for row, info in zip(rows, infos, strict=True) if row["make"]]
	years = [(row, info) for row, info in zip(rows, infos, strict=True) if row["model_year"]]
	make_accuracy = sum((info.make or "").lower() == row["make"].lower() for row, info in makes) / len(makes)
	year_accuracy = sum(info.model_year == int(row["model_year"]) for row, info in years) / len(years)
	print(f"corpus: make {make_accuracy:.1%} of {len(makes)}, model year {year_accuracy:.1%} of {len(years)}")
	assert make_accuracy >= 0.95
	assert year_accuracy >= 0.95
