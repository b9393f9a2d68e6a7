"""The shared import reader: every encoding Excel writes, Chinese headers, and every malformed file
ends in an ImportFileError with a message (never a raw decode, csv, zip or recursion error)."""

import io
import json
import os
import zipfile

import pytest

from dms_app.imports import files
from dms_app.imports.columns import Column, Columns, header_map, normalise, records
from dms_app.imports.files import ImportFileError, decode_text, read_json, read_table

CSV = "车架号,颜色,里程\nLSVAU2180N2183294,白色,12500\n"
ROWS = [["车架号", "颜色", "里程"], ["LSVAU2180N2183294", "白色", "12500"]]


def xlsx(rows) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	for row in rows:
		book.active.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"content",
	[
		CSV.encode("utf-8"),
		CSV.encode("utf-8-sig"),
		CSV.encode("gb18030"),
		CSV.encode("gbk"),
		CSV.encode("utf-16"),  # with a BOM, as Excel's "Unicode Text"
		CSV.encode("utf-16-le"),
		CSV.encode("utf-16-be"),
		b"\xfe\xff" + CSV.encode("utf-16-be"),
	],
	ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be", "utf16be-bom"],
)
def test_every_encoding_reads_the_chinese_header(content):
	assert read_table("车辆.csv", content) == ROWS


def test_text_frappe_decoded_as_utf8_is_detected_again():
	ascii_csv = "vin,colour\nLSVAU2180N2183294,white\n"
	assert decode_text(ascii_csv.encode("utf-16-le").decode("utf-8")) == ascii_csv
	assert decode_text("\ufeff" + CSV) == CSV


def test_excel_unicode_text_is_tab_separated_utf16():
	content = "\ufeff" + CSV.replace(",", "\t").replace("\n", "\r\n")
	assert read_table("车辆.txt", content.encode("utf-16-le")) == ROWS


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(delimiter):
	text = f"vin{delimiter}colour\nX{delimiter}Red, metallic\n"
	assert read_table("v.csv", text.encode())[1] == ["X", "Red, metallic"] if delimiter != "," else True


def test_quoted_cells_keep_their_delimiters_and_newlines():
	table = read_table("v.csv", b'vin,notes\nX,"one, two\nthree"\n')
	assert table == [["vin", "notes"], ["X", "one, two\nthree"]]


def test_xlsx_first_sheet_with_numbers_and_dates():
	from datetime import date, datetime

	content = xlsx(
		[["车架号", "里程", "日期", "时间"], ["X", 12500.0, date(2024, 5, 1), datetime(2024, 5, 1, 9, 30)]]
	)
	assert read_table("v.xlsx", content)[1] == ["X", "12500", "2024-05-01", "2024-05-01 09:30:00"]


def test_trailing_blank_rows_are_dropped():
	assert read_table("v.csv", b"vin\nX\n,\n\n") == [["vin"], ["X"]]


# --- malformed files ----------------------------------------------------------------------------


def zip_bomb() -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("[Content_Types].xml", "<Types/>")
		archive.writestr("xl/workbook.xml", "<workbook/>")
		archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
	return out.getvalue()


def deep_json(levels: int) -> bytes:
	return ("[" * levels + "]" * levels).encode()


BAD_TABLES = {
	"empty": ("v.csv", b"", "empty"),
	"blank": ("v.csv", b"  \r\n ", "empty"),
	"random bytes": ("v.csv", os.urandom(4096), "not text"),
	"NULs in text": ("v.csv", b"vin,colour\nX\x00\x00Y,Red\n", "not text"),
	"control bytes": ("v.csv", bytes(range(1, 32)) * 20, "not text"),
	"xlsx named csv": ("v.csv", None, "upload it as .xlsx"),
	"old xls": ("v.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, ".xls"),
	"pdf": ("v.csv", b"%PDF-1.4\n...", "PDF"),
	"csv named xlsx": ("v.xlsx", CSV.encode(), "not an Excel workbook"),
	"zip not xlsx": ("v.xlsx", None, "not an Excel workbook"),
	"zip bomb": ("v.xlsx", None, "zip bomb"),
	"truncated utf16": ("v.csv", b"\xff\xfe" + CSV.encode("utf-16-le")[:-1], "UTF-16"),
	"5 MB cell": ("v.csv", b"vin,notes\nX," + b"a" * (5 * 1024 * 1024) + b"\n", "Row 2"),
	"wrong extension": ("v.pdf", CSV.encode(), "Upload a .csv or .xlsx file"),
	"no extension": ("", CSV.encode(), "Upload a .csv or .xlsx file"),
	"too big": ("v.csv", b"vin\n" + b"X" * (files.MAX_FILE_BYTES + 1), "MB"),
}


@pytest.mark.parametrize("case", BAD_TABLES, ids=list(BAD_TABLES))
def test_malformed_tables_get_a_message(case):
	name, content, words = BAD_TABLES[case]
	if case == "xlsx named csv":
		content = xlsx([["vin"], ["X"]])
	elif case == "zip not xlsx":
		out = io.BytesIO()
		with zipfile.ZipFile(out, "w") as archive:
			archive.writestr("hello.txt", "hello")
		content = out.getvalue()
	elif case == "zip bomb":
		content = zip_bomb()
		assert len(content) < 1024 * 1024
	with pytest.raises(ImportFileError, match=words):
		read_table(name, content)


def test_not_gb18030_either_names_the_position():
	with pytest.raises(ImportFileError, match="neither UTF-8 nor GB18030"):
		decode_text(b"vin\n\x81\x20bad\n")


def test_too_many_rows_csv_and_xlsx():
	text = "vin\n" + "X\n" * 11
	assert len(read_table("v.csv", text.encode(), max_rows=11)) == 12
	with pytest.raises(ImportFileError, match="at most 10 rows"):
		read_table("v.csv", text.encode(), max_rows=10)
	with pytest.raises(ImportFileError, match="at most 10 rows"):
		read_table("v.xlsx", xlsx([["vin"]] + [["X"]] * 11), max_rows=10)


def test_big_xlsx_cell_names_the_row():
	with pytest.raises(ImportFileError, match="Row 3"):
		read_table("v.xlsx", xlsx([["vin"], ["X"], ["a" * (files.MAX_CELL_CHARS + 1)]]))


def test_cells_up_to_the_limit_are_read_and_the_csv_field_limit_is_restored():
	import csv

	before = csv.field_size_limit()
	cell = "a" * files.MAX_CELL_CHARS
	assert read_table("v.csv", f"vin,notes\nX,{cell}\n".encode())[1][1] == cell
	assert csv.field_size_limit() == before


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_json_in_any_encoding(encoding):
	data = {"claims": [{"索赔单号": "WC-1", "status": "Accepted"}]}
	assert read_json(json.dumps(data, ensure_ascii=False).encode(encoding)) == data


@pytest.mark.parametrize(
	"content, words",
	[
		(deep_json(100_000), "nested more than"),
		(deep_json(files.MAX_JSON_DEPTH + 1), "nested more than"),
		(b'{"claims": [{"claim": "WC-1", "status": "Acc', "cut off"),
		(b'{"claims": [}', "not valid JSON"),
		(b"", "empty"),
		(os.urandom(2048), "not text|neither"),
	],
	ids=["very deep", "one too deep", "truncated", "invalid", "empty", "random"],
)
def test_malformed_json_gets_a_message(content, words):
	with pytest.raises(ImportFileError, match=words):
		read_json(content)


def test_brackets_inside_strings_do_not_count_as_depth():
	data = {"notes": "[[[[" * 50 + '\\"{{{'}
	assert read_json(json.dumps(data).encode()) == data
	assert read_json(deep_json(files.MAX_JSON_DEPTH)) is not None


# --- columns ------------------------------------------------------------------------------------

VEHICLE = Columns(
	Column("vin", ("vin_no",), ("车架号", "VIN码", "车辆识别代号"), required=True, label="VIN"),
	Column("colour", ("color",), ("颜色", "车身颜色")),
	Column("interior_colour", ("interior_color",), ("内饰颜色",)),
	Column("odometer", ("mileage",), ("里程", "公里数")),
)


FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) if c != " " else "\u3000" for c in "interior colour")


def test_normalise_ignores_case_blanks_punctuation_and_full_width():
	assert normalise("Interior Colour") == normalise("interior_colour") == normalise("INTERIOR-COLOUR")
	assert normalise(FULL_WIDTH) == "interiorcolour"
	assert normalise("ＶＩＮ码") == normalise("VIN码") == "vin码"
	assert normalise("里程\uff08公里\uff09") == "里程公里"


@pytest.mark.parametrize(
	"header",
	[
		["VIN", "Colour", "Interior Color", "Mileage"],
		["车架号", "颜色", "内饰颜色", "里程"],
		["ＶＩＮ码", "车身颜色", "内饰 颜色", "公里数"],
		[" vin_no ", "COLOR", "interior-colour", "odometer"],
	],
)
def test_english_and_chinese_headers_map_to_fields(header):
	assert header_map(header, VEHICLE) == {0: "vin", 1: "colour", 2: "interior_colour", 3: "odometer"}


def test_unknown_columns_list_the_known_ones():
	with pytest.raises(
		ImportFileError, match=r"Unknown columns: 价格\. Known columns: VIN \(车架号\), colour"
	):
		header_map(["车架号", "价格"], VEHICLE)
	assert header_map(["车架号", "价格"], VEHICLE, unknown="ignore") == {0: "vin"}


def test_duplicate_and_missing_columns():
	with pytest.raises(ImportFileError, match="Columns 颜色 and Colour are both colour"):
		header_map(["vin", "颜色", "Colour"], VEHICLE)
	with pytest.raises(ImportFileError, match="Column vin appears twice"):
		header_map(["vin", "vin"], VEHICLE)
	with pytest.raises(ImportFileError, match="no VIN column"):
		header_map(["颜色"], VEHICLE)


def test_an_alias_naming_two_columns_is_a_declaration_error():
	with pytest.raises(ValueError, match="names both"):
		Columns(Column("colour", zh=("颜色",)), Column("interior_colour", zh=("颜 色",)))


def test_records_skip_blank_rows_and_number_rows_as_the_user_sees_them():
	table = [["车架号", "颜色"], ["A", "白"], ["", ""], ["B"]]
	assert list(records(table, VEHICLE)) == [
		(2, {"vin": "A", "colour": "白"}),
		(4, {"vin": "B", "colour": ""}),
	]


def test_map_keys_of_a_json_object():
	assert VEHICLE.map_keys({"车架号": "A", "Color": "Red", "x": 1}) == {"vin": "A", "colour": "Red"}
