import io
from datetime import date

import pytest

from dms_app.oem_orders.confirmation_import import FileError, LineState, parse_date, plan, read_rows

VIN_A, VIN_B, VIN_C = "1HGCY1F50PA000001", "1HGCY1F50PA000002", "1HGCY1F50PA000003"


def lines(**kw):
	return {("ORD-1", 1): LineState("ORD-1", 1, qty=2, **kw), ("ORD-1", 2): LineState("ORD-1", 2, qty=1)}


def check(text, state=None, known=None, bad=()):
	rows = read_rows(text.encode(), "c.csv")
	return plan(
		rows,
		state or lines(),
		{"ORD-1": "ORD-1", "TOY-9": "ORD-1"},
		known or {},
		lambda vin: ["bad"] if vin in bad else [],
	)


def test_headers_are_normalised_and_aliases_accepted():
	rows = read_rows(b"Order, Line Ref ,VIN,Ship Date\nTOY-9,1,abc,2026-01-02\n\n", "x.CSV")
	assert len(rows) == 1 and rows[0].row_no == 2
	assert rows[0].values == {
		"oem_order_no": "TOY-9",
		"line": "1",
		"vin": "abc",
		"shipped_date": "2026-01-02",
	}


def test_semicolon_csv_and_missing_columns():
	assert read_rows(b"oem_order_no;line;vin\nA;1;X\n", "x.csv")[0].values["vin"] == "X"
	with pytest.raises(FileError, match="missing column"):
		read_rows(b"vin\nX\n", "x.csv")
	with pytest.raises(FileError, match="vin or a qty_confirmed"):
		read_rows(b"oem_order_no,line\nA,1\n", "x.csv")
	with pytest.raises(FileError):
		read_rows(b"...", "x.pdf")


def test_xlsx_rows():
	from openpyxl import Workbook

	book = Workbook()
	book.active.append(["oem_order_no", "line", "vin", "eta"])
	book.active.append(["ORD-1", 1, VIN_A, date(2026, 3, 1)])
	buffer = io.BytesIO()
	book.save(buffer)
	row = read_rows(buffer.getvalue(), "f.xlsx")[0]
	# cells arrive as text, as from a CSV (the shared reader): 1 not 1.0, dates as YYYY-MM-DD
	assert row.values["line"] == "1" and parse_date(row.values["eta"]) == date(2026, 3, 1)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_chinese_headers_in_every_encoding(encoding):
	text = f'厂家订单号,行号,车架号,预计到货日期,开票价\nORD-1,1,{VIN_A},2026-03-01,"25,000"\n'
	(row,) = read_rows(text.encode(encoding), "确认.csv")
	assert row.values == {
		"oem_order_no": "ORD-1",
		"line": "1",
		"vin": VIN_A,
		"eta": "2026-03-01",
		"invoice_price": "25,000",
	}


def test_dates():
	assert parse_date("2026-02-03") == parse_date("03.02.2026") == date(2026, 2, 3)
	assert parse_date("") is None
	with pytest.raises(ValueError):
		parse_date("03/02/2026")


def test_good_rows_become_changes_and_vins_confirm_their_line():
	result = check(
		f"oem_order_no,line,vin,eta,shipped_date,invoice_price\n"
		f'TOY-9,1,{VIN_A},2026-02-10,2026-02-01,"24,800"\nORD-1,2,{VIN_B},,,\n'
	)
	assert result.errors == []
	first = result.changes[0]
	assert (first.order, first.line, first.vin, first.new_vin, first.invoice_price) == (
		"ORD-1",
		1,
		VIN_A,
		True,
		24800,
	)
	assert first.shipped_date == date(2026, 2, 1)


def test_every_bad_row_is_reported_with_its_row_number():
	text = (
		"oem_order_no,line,qty_confirmed,vin,eta\n"
		"ORD-1,1,3,,\n"  # 2: more than ordered
		f"NOPE,1,,{VIN_A},\n"  # 3: unknown order
		f"ORD-1,5,,{VIN_A},\n"  # 4: no such line
		f"ORD-1,x,,{VIN_A},\n"  # 5: bad line number
		f"ORD-1,1,,{VIN_C},\n"  # 6: known VIN
		f"ORD-1,1,,{VIN_B},\n"  # 7: invalid VIN
		f"ORD-1,1,,{VIN_A},soon\n"  # 8: bad date
		f"ORD-1,1,,{VIN_A},\n"  # 9: fine
		f"ORD-1,1,,{VIN_A},\n"  # 10: duplicate in file
		"ORD-1,2,,,\n"  # 11: nothing to do
	)
	result = check(text, known={VIN_C: "vehicle record"}, bad=(VIN_B,))
	assert [c.row_no for c in result.changes] == [9]
	reasons = dict(result.errors)
	assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 10, 11]
	assert "ordered only 2" in reasons[2]
	assert "already exists (vehicle record)" in reasons[6]
	assert "already appears in row 9" in reasons[10]


def test_vins_beyond_the_ordered_quantity_and_received_vins_are_refused():
	state = lines(vins={VIN_A: "Received"})
	result = check(f"oem_order_no,line,vin\nORD-1,1,{VIN_A}\nORD-1,1,{VIN_B}\nORD-1,1,{VIN_C}\n", state=state)
	assert [c.vin for c in result.changes] == [VIN_B]
	assert "already received" in dict(result.errors)[2]
	assert "already has 2 VIN(s)" in dict(result.errors)[4]


def test_confirming_fewer_than_the_vins_already_allocated_is_refused():
	result = check("oem_order_no,line,qty_confirmed\nORD-1,1,0\n", state=lines(vins={VIN_A: "VIN Assigned"}))
	assert "already has 1 VIN(s)" in result.errors[0][1]
