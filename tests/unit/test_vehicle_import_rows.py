"""The vehicle import file reader: every faulty row is reported with its row number and reason."""

import io

import pytest

from dms_app.vehicles.import_rows import ImportFileError, parse, read_table
from dms_app.vin import check_digit, decode


def vin(serial: int) -> str:
	draft = f"1HGCY1F50PA{serial:06d}"
	return draft[:8] + check_digit(draft) + draft[9:]


def rows_of(text: str):
	return parse(read_table("vehicles.csv", text.encode()), decode)


def test_clean_rows_are_normalised_and_decoded():
	rows = rows_of(
		f'VIN,Colour,Odometer,Odometer Unit,List Price\n {vin(1).lower()} ,Red,"12,500",KM,31990.50\n'
	)
	(row,) = rows
	assert row.valid and row.row_no == 2
	assert row.values == {
		"vin": vin(1),
		"colour": "Red",
		"odometer": 12500,
		"odometer_unit": "km",
		"list_price": 31990.5,
	}
	assert row.decoded.make == "Honda" and row.decoded.model_year == 2023


def test_each_faulty_row_says_where_and_why():
	bad_check = vin(2)[:8] + ("0" if vin(2)[8] != "0" else "1") + vin(2)[9:]
	text = "\n".join(
		[
			"vin;odometer;odometer_unit",
			f"{vin(1)};100;km",
			"1HGCY1F5OPA000003;;",  # letter O
			f"{bad_check};;",
			f"{vin(1)};;",  # duplicate of row 2
			";5;",
			f"{vin(4)};-3;miles",
			"",
		]
	)
	rows = {row.row_no: row for row in rows_of(text)}
	assert rows[2].valid
	assert rows[3].errors[0].startswith("Position 9: letter 'O'")
	assert any("check digit" in error.lower() for error in rows[4].errors)
	assert rows[5].errors == [f"VIN {vin(1)} is also on row 2"]
	assert rows[6].errors == ["the VIN is missing"]
	assert len(rows[7].errors) == 2 and "odometer -3" in rows[7].errors[0] and "miles" in rows[7].errors[1]
	assert 8 not in rows  # blank lines are skipped


@pytest.mark.parametrize(
	"text, message",
	[
		("", "empty"),
		("colour\nred\n", "no VIN column"),
		("vin,price tag\nx,y\n", "Unknown columns: price tag"),
		("vin,VIN\nx,y\n", "appears twice"),
	],
)
def test_file_level_faults(text, message):
	with pytest.raises(ImportFileError, match=message):
		rows_of(text)


def test_only_csv_and_xlsx_are_read():
	with pytest.raises(ImportFileError, match=r"csv or \.xlsx"):
		read_table("vehicles.pdf", b"%PDF")
	with pytest.raises(ImportFileError, match="UTF-8"):
		read_table("vehicles.csv", b"vin\n\x81\x20\n")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig", "utf-8"])
def test_chinese_headers_in_every_encoding_excel_writes(encoding):
	text = f"车架号,颜色,里程,车牌号\n{vin(3)},白色,12500,粤B12345\n"
	(row,) = parse(read_table("车辆.csv", text.encode(encoding)), decode)
	assert row.valid and row.values == {
		"vin": vin(3),
		"colour": "白色",
		"odometer": 12500,
		"registration_plate": "粤B12345",
	}


def test_xlsx_cells_become_text():
	book = pytest.importorskip("openpyxl").Workbook()
	sheet = book.active
	sheet.append(["VIN", "Odometer", "Plate"])
	sheet.append([vin(7), 42000.0, "粤B12345"])
	buffer = io.BytesIO()
	book.save(buffer)
	(row,) = parse(read_table("stock.XLSX", buffer.getvalue()), decode)
	assert row.valid and row.values["odometer"] == 42000 and row.values["registration_plate"] == "粤B12345"
