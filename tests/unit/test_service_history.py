"""Service history without a site: names, totals, grouping a flat lines file, merging lines, and
the streaming reader under it (dms_app.imports.files.iter_rows)."""

import pytest

from dms_app.imports.files import ImportFileError, iter_rows
from dms_app.service.history import history_name, merge_lines, totals, visits


def test_name_is_the_old_ro_number_after_its_source():
	assert history_name("", " RO-1 ") == "RO-1"
	assert history_name("oldsite", "RO-1") == "oldsite-RO-1"


def test_totals_by_line_type():
	lines = [
		{"line_type": "Labour", "amount": 100},
		{"line_type": "Part", "amount": 20.5},
		{"line_type": "Sublet", "amount": 30},
		{"line_type": "Other", "amount": 5},
	]
	assert totals(lines) == {"labour_total": 100, "parts_total": 20.5, "sublet_total": 30, "total": 155.5}


def test_consecutive_rows_of_one_ro_make_one_visit_and_lines_are_numbered():
	rows = [
		(2, {"ro_no": "A", "vehicle": "V1", "code": "OIL", "amount": 10}),
		(3, {"ro_no": "A", "vehicle": "V1", "advisor": "Wang", "code": "FLT", "amount": 5}),
		(4, {"ro_no": "B", "vehicle": "V2", "code": "X", "line_no": 7}),
		(5, {"ro_no": "A", "vehicle": "V1", "code": "Y"}),
	]
	found = list(visits(rows))
	assert [v.name for v in found] == ["A", "B", "A"]
	assert [line["line_no"] for line in found[0].lines] == [1, 2]
	assert found[0].header["advisor"] == "Wang" and found[0].rows == [2, 3]
	assert found[1].lines[0]["line_no"] == 7


def test_merge_lines_by_number():
	old = [{"line_no": 1, "code": "OIL", "amount": 10.0}, {"line_no": 2, "code": "FLT", "amount": 5.0}]
	same, changed = merge_lines(old, [{"line_no": 1, "code": "OIL", "amount": 10}])
	assert not changed and len(same) == 2
	merged, changed = merge_lines(
		old, [{"line_no": 2, "code": "FLT", "amount": 6}, {"line_no": 3, "code": "Z"}]
	)
	assert changed and [line["line_no"] for line in merged] == [1, 2, 3] and merged[1]["amount"] == 6


def test_iter_rows_streams_a_path_in_gb18030(tmp_path):
	path = tmp_path / "h.csv"
	path.write_bytes(("车架号;工单号\n" + "".join(f"V{i};RO{i}\n" for i in range(3000))).encode("gb18030"))
	rows = list(iter_rows("h.csv", str(path)))
	assert rows[0] == ["车架号", "工单号"] and rows[-1] == ["V2999", "RO2999"] and len(rows) == 3001


def test_iter_rows_bytes_with_bom_and_limits(tmp_path):
	rows = list(iter_rows("h.csv", "\ufeffa,b\n1,2\n\n".encode()))
	assert rows == [["a", "b"], ["1", "2"]]
	with pytest.raises(ImportFileError):
		list(iter_rows("h.csv", b"a\n1\n2\n3\n", max_rows=2))
	with pytest.raises(ImportFileError):
		list(iter_rows("h.csv", b"\x00\x01binary\x02" * 50))
	with pytest.raises(ImportFileError):
		list(iter_rows("h.csv", b"   "))
	path = tmp_path / "bad.csv"
	path.write_bytes(b"a,b\n" + b"x,y\n" * 2000 + b"\xff\xfe\xfa,\n")  # neither UTF-8 nor GB18030 at the end
	with pytest.raises(ImportFileError):
		next(iter_rows("bad.csv", str(path)))  # refused before the first row
