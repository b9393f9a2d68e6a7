import csv
import io
import json
from datetime import date

import pytest

from dms_app.warranty.exchange import (
	EXPORT_COLUMNS,
	ClaimFacts,
	ResponseFileError,
	parse_response,
	to_csv,
	to_json,
	validate_responses,
)

CLAIMS = {
	"WC-1": ClaimFacts("WC-1", "JTDBR32E720012345", "Submitted", 500.0),
	"WC-2": ClaimFacts("WC-2", "JTDBR32E720054321", "Submitted", 250.0),
	"WC-3": ClaimFacts("WC-3", "LGXCE4CB5R0000017", "Partially Accepted", 300.0),
	"WC-4": ClaimFacts("WC-4", "LGXCE4CB5R0000025", "Credited", 80.0),
}
REASONS = {"EXH", "WCP", "IVN"}


def export_rows():
	return [
		{
			"claim": "WC-1",
			"vin": "JTDBR32E720012345",
			"failure_date": date(2026, 1, 5),
			"condition": 'Rattle, "front left", at 50 km/h',
			"claimed_amount": 500.0,
			"labour": [{"operation": "BR-101", "hours": 1.2, "rate": 110.0, "amount": 132.0}],
			"parts": [],
			"sublet": [],
		}
	]


def test_csv_export_has_documented_columns_and_round_trips():
	text = to_csv(export_rows())
	reader = csv.DictReader(io.StringIO(text))
	assert tuple(reader.fieldnames) == EXPORT_COLUMNS
	(row,) = list(reader)
	assert row["failure_date"] == "2026-01-05"
	assert row["condition"] == 'Rattle, "front left", at 50 km/h'
	assert row["labour_hours"] == ""


def test_json_export_keeps_lines():
	data = json.loads(to_json(export_rows()))
	assert data["claims"][0]["labour"][0]["operation"] == "BR-101"
	assert data["claims"][0]["failure_date"] == "2026-01-05"


def test_round_trip_export_to_response():
	"""The OEM answers the exported claims by claim number; the answer parses back."""
	exported = list(csv.DictReader(io.StringIO(to_csv(export_rows()))))
	response = io.StringIO()
	writer = csv.writer(response)
	writer.writerow(["claim", "vin", "status", "accepted_amount", "reason_code"])
	for row in exported:
		writer.writerow([row["claim"], row["vin"], "Partially Accepted", "420.00", "EXH"])
	rows, errors = parse_response(response.getvalue(), "csv")
	assert errors == []
	valid, errors = validate_responses(rows, CLAIMS, REASONS)
	assert errors == [] and valid[0].path == ["Partially Accepted"] and valid[0].accepted_amount == 420.0


def test_parse_csv_and_json_alike():
	csv_text = (
		"\ufeffClaim,Status,Accepted_Amount,Credit_Reference,Credit_Date\nWC-1,credited,500,CN-9,2026-02-01\n"
	)
	(row,), errors = parse_response(csv_text.encode(), "csv")
	assert errors == [] and row.status == "Credited" and row.credit_date == date(2026, 2, 1)
	json_text = json.dumps(
		[{"claim": "WC-1", "status": "Credited", "accepted_amount": 500, "credit_reference": "CN-9"}]
	)
	(same,), _ = parse_response(json_text, "json")
	assert (same.claim, same.status, same.accepted_amount) == ("WC-1", "Credited", 500.0)


def test_unreadable_rows_are_reported():
	text = "claim,status,accepted_amount,credit_date\n,Accepted,1,\nWC-1,Accepted,abc,\nWC-2,Accepted,-5,\nWC-2,Accepted,5,31/01/2026\n"
	rows, errors = parse_response(text, "csv")
	assert rows == []
	assert [e["row"] for e in errors] == [1, 2, 3, 4]
	assert "not a number" in errors[1]["error"] and "negative" in errors[2]["error"]


@pytest.mark.parametrize(
	"content,fmt",
	[("no,header\n1,2\n", "csv"), ("{not json", "json"), ('{"rows": 1}', "json"), ("x", "xml")],
)
def test_bad_files_are_refused(content, fmt):
	with pytest.raises(ResponseFileError):
		parse_response(content, fmt)


def test_validation_reports_bad_rows_and_keeps_good_ones():
	text = json.dumps(
		{
			"claims": [
				{"claim": "WC-1", "status": "Accepted", "accepted_amount": 500},
				{"claim": "WC-404", "status": "Accepted", "accepted_amount": 1},
				{"claim": "WC-2", "status": "Accepted", "accepted_amount": 250.01},
				{"claim": "WC-2", "status": "Rejected", "vin": "JTDBR32E720012345", "reason_code": "IVN"},
				{"claim": "WC-3", "status": "Credited", "accepted_amount": 200},
				{"claim": "WC-4", "status": "Accepted", "accepted_amount": 80},
				{"claim": "WC-1", "status": "Rejected", "reason_code": "EXH"},
			]
		}
	)
	rows, errors = parse_response(text, "json")
	valid, errors = validate_responses(rows, CLAIMS, REASONS)
	assert [r.claim for r in valid] == ["WC-1"]
	messages = {e["row"]: e["error"] for e in errors}
	assert "unknown claim" in messages[2]
	assert "above the claimed" in messages[3]
	assert "VIN" in messages[4]
	assert "credit_reference" in messages[5]
	assert "not awaiting" in messages[6]
	assert "twice" in messages[7]


def test_reason_codes_are_required_and_checked():
	rows, _ = parse_response(
		"claim,status,accepted_amount,reason_code\nWC-1,Rejected,,\nWC-2,Partially Accepted,100,ZZZ\n", "csv"
	)
	valid, errors = validate_responses(rows, CLAIMS, REASONS)
	assert valid == []
	assert "reason_code is required" in errors[0]["error"] and "unknown reason_code" in errors[1]["error"]


def test_row_errors_go_through_the_sites_translator():
	from dms_app import translation

	rows, _ = parse_response("claim,status,accepted_amount\nWC-404,Accepted,1\nWC-4,Accepted,80\n", "csv")
	translation.set_translator(lambda template: "[fr] " + template)  # the site installs frappe._
	try:
		_valid, errors = validate_responses(rows, CLAIMS, REASONS)
	finally:
		translation.set_translator(None)
	assert [e["error"] for e in errors] == [
		"[fr] unknown claim WC-404",
		"[fr] a claim in state Credited is not awaiting the OEM's decision",
	]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_chinese_headers_in_every_encoding(encoding):
	text = "索赔单号,车架号,状态,受理金额,拒赔原因,备注\nWC-1,JTDBR32E720012345,Partially Accepted,400,WCP,部分受理\n"
	(row,), errors = parse_response(text.encode(encoding), "csv")
	assert not errors
	assert (row.row, row.claim, row.status, row.accepted_amount, row.reason_code, row.notes) == (
		1,
		"WC-1",
		"Partially Accepted",
		400.0,
		"WCP",
		"部分受理",
	)
	data = json.dumps([{"索赔单号": "WC-2", "状态": "Rejected", "拒赔原因": "IVN"}], ensure_ascii=False)
	(row,), errors = parse_response(data.encode(encoding), "json")
	assert (row.claim, row.status, row.reason_code) == ("WC-2", "Rejected", "IVN")


@pytest.mark.parametrize(
	"content, fmt, words",
	[
		(b"[" * 10_000 + b"]" * 10_000, "json", "nested"),
		(b'{"claims": [{"claim": "WC-1"', "json", "cut off"),
		(b"PK\x03\x04rest", "csv", "xlsx"),
		(b"claim,notes\nWC-1," + b"x" * 200_000 + b"\n", "csv", "Row 2"),
	],
)
def test_malformed_files_get_a_message(content, fmt, words):
	with pytest.raises(ResponseFileError, match=words):
		parse_response(content, fmt)
