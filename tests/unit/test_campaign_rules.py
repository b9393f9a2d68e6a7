"""Recall / service campaign rules without a site: VIN ranges, status, the OEM file's rows and JSON."""

from datetime import date

import pytest

from dms_app.imports.columns import records
from dms_app.imports.files import ImportFileError, read_json, read_table
from dms_app.kpi import campaign_completion_rate
from dms_app.vin.check_digit import check_digit
from dms_app.warranty import campaign_rules as rules
from dms_app.warranty.campaign_columns import COLUMNS


def vin(serial: str, prefix: str = "JTDBZ3EK", year_plant: str = "NA") -> str:
	body = f"{prefix}0{year_plant}{serial}"
	return body[:8] + check_digit(body) + body[9:]


def test_range_ignores_the_check_digit_and_compares_the_serial():
	low, high = vin("100000"), vin("100999")
	assert rules.range_errors(low, high) == []
	assert rules.in_range(vin("100500"), low, high)
	assert rules.in_range(low, low, high) and rules.in_range(high, low, high)
	assert not rules.in_range(vin("101000"), low, high)
	assert not rules.in_range(vin("100500", year_plant="PA"), low, high)  # another model year
	assert not rules.in_range(vin("100500", prefix="JTDBZ3EL"), low, high)
	assert not rules.in_range("SHORT", low, high)
	assert "backwards" in rules.range_errors(high, low)[0]
	assert "differ before the serial" in rules.range_errors(low, vin("100999", prefix="JTDBZ3EL"))[0]
	assert rules.range_errors("JTDBZ3EK0NA10000I", high)


def test_status_follows_the_dates():
	start, end = date(2027, 1, 1), date(2027, 6, 30)
	assert rules.status(start, end, date(2026, 12, 31)) == rules.UPCOMING
	assert rules.status(start, end, start) == rules.ACTIVE
	assert rules.status(start, end, end) == rules.ACTIVE
	assert rules.status(start, end, date(2027, 7, 1)) == rules.CLOSED
	assert rules.status(start, None, date(2040, 1, 1)) == rules.ACTIVE


def test_parts_text_and_list():
	assert rules.parse_parts("P-1:2; P-2 | P-3 * 1.5") == [("P-1", 2.0), ("P-2", 1.0), ("P-3", 1.5)]
	assert rules.parse_parts("90919-X2") == [("90919-X2", 1.0)]
	assert rules.parse_parts([{"item_code": "A", "qty": 3}, "B"]) == [("A", 3.0), ("B", 1.0)]
	with pytest.raises(ValueError):
		rules.parse_parts([{"item_code": "A", "qty": 0}])


def csv(text: str, encoding: str = "utf-8"):
	return rules.parse_records(records(read_table("c.csv", text.encode(encoding)), COLUMNS))


def test_csv_rows_group_by_campaign_and_report_bad_rows():
	good, bad = vin("100001"), vin("100002")
	text = (
		"campaign_code,title,campaign_type,labour_operation,parts,start_date,end_date,vin,vin_from,vin_to\n"
		f"r-1,Airbag inflator,Recall,OP-1,P-1:2,2027-01-01,2027-12-31,{good},,\n"
		f"R-1,,,,,,,{bad[:-1]}I,,\n"  # a bad VIN: that row only
		f"R-1,,,,,,,,{vin('200000')},{vin('200999')}\n"
		f"R-1,,,,,,,{good},,\n"  # the same VIN again
		f"R-2,Software,Service,,,2027-02-30,,{good},,\n"  # bad date: the whole campaign
		f"R-3,Other,Recall,,,2027-01-01,,,{vin('300000')},\n"  # half a range
		f"R-4,Both,Recall,,,2027-01-01,,{good},{vin('000001')},{vin('000002')}\n"
	)
	campaigns, errors = csv(text)
	by_code = {c.code: c for c in campaigns}
	r1 = by_code["R-1"]
	assert (r1.title, r1.campaign_type, r1.parts) == ("Airbag inflator", "Recall", [("P-1", 2.0)])
	assert list(r1.vins) == [good] and list(r1.ranges) == [(vin("200000"), vin("200999"))]
	assert (r1.start_date, r1.end_date) == (date(2027, 1, 1), date(2027, 12, 31))
	rows = {(e["row"], e["campaign"]) for e in errors}
	assert rows == {(3, "R-1"), (5, "R-1"), (6, "R-2"), (7, "R-3"), (8, "R-4")}
	assert "R-2" not in by_code
	assert any("not a date" in e["error"] for e in errors if e["row"] == 6)


def test_a_campaign_column_differing_between_rows_rejects_the_campaign():
	text = (
		"campaign_code,title,start_date,vin\n"
		f"R-9,Brakes,2027-01-01,{vin('100001')}\n"
		f"R-9,Brake hose,2027-01-01,{vin('100002')}\n"
	)
	campaigns, errors = csv(text)
	assert campaigns == []
	assert [e["row"] for e in errors] == [2, 3]
	assert "Brake hose" in errors[0]["error"]


def test_missing_title_and_end_before_start():
	campaigns, errors = csv(
		f"campaign_code,start_date,end_date,vin\nR-5,2027-05-01,2027-04-01,{vin('000001')}\n"
	)
	assert (
		campaigns == [] and "no title" in errors[0]["error"] and "before the start date" in errors[0]["error"]
	)


def test_chinese_headers_in_gb18030():
	text = f"活动代码,活动名称,活动类型,开始日期,车架号\nZH-1,安全气囊召回,召回,2027-01-01,{vin('100001')}\n"
	campaigns, errors = csv(text, "gb18030")
	assert errors == []
	(campaign,) = campaigns
	assert (campaign.code, campaign.title, campaign.campaign_type) == ("ZH-1", "安全气囊召回", "Recall")


def test_json_campaigns_with_vins_and_ranges():
	data = read_json(
		(
			'{"campaigns": [{"campaign_code": "J-1", "title": "Fuel pump", "start_date": "2027-01-01",'
			f' "parts": [{{"item_code": "P-9", "qty": 1}}], "vins": ["{vin("100001")}", "BAD"],'
			f' "ranges": [{{"from": "{vin("100100")}", "to": "{vin("100199")}"}}]}},'
			' {"活动代码": "J-2", "start_date": "2027-01-01", "vins": []}]}'
		).encode()
	)
	campaigns, errors = rules.parse_json(data, COLUMNS.map_keys)
	(campaign,) = campaigns
	assert list(campaign.vins) == [vin("100001")] and len(campaign.ranges) == 1
	assert campaign.parts == [("P-9", 1.0)]
	assert [(e["row"], e["campaign"]) for e in errors] == [(1, "J-1"), (2, "J-2")]
	with pytest.raises(ValueError):
		rules.parse_json([1, 2], COLUMNS.map_keys)


def test_unknown_column_is_a_file_error():
	with pytest.raises(ImportFileError):
		csv("campaign_code,colour\nR-1,red\n")


def test_campaign_completion_rate():
	assert campaign_completion_rate(3, 4) == 75
	assert campaign_completion_rate(0, 5) == 0
	assert campaign_completion_rate(0, 0) is None
