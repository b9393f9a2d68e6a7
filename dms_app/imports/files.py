"""The one safe reader under every import: CSV, XLSX (first sheet) and JSON files as bytes in, cells out.

No database, no Frappe: plain unit tests run it (`tests/unit/test_import_files.py`). Every way a file
can be unreadable ends in `ImportFileError` with a translated message, never a raw
`UnicodeDecodeError`, `csv.Error`, `zipfile.BadZipFile` or `RecursionError`.

Text encodings (`decode_text`), tried in this order:

1. a byte order mark: UTF-8, UTF-16 LE or UTF-16 BE (Excel's "Unicode Text" and most exports);
2. UTF-16 without a mark, recognised by its zero bytes (ASCII text in UTF-16 has one in every pair);
3. UTF-8;
4. GB18030, which covers GBK and GB2312 (Excel's "CSV" on a Chinese Windows).

Content that is not text is refused with a message saying what it looks like: a zero byte or many
control characters (a binary or random bytes), a ZIP / XLSX / XLS / PDF file sent under a text
name. CSV cells are split on the delimiter the header line uses most: comma, semicolon or tab.

Limits are the module constants below; an importer may pass a lower `max_rows`.

`iter_rows` streams a large CSV / XLSX (a path or bytes) row by row with the same encoding detection
and messages, for imports that must not hold the whole file (the migration's service history): its
limits are `MAX_STREAM_BYTES` and the caller's `max_rows`.
"""

import codecs
import csv
import io
import itertools
import json
import os
import re
import zipfile
from datetime import date, datetime, time

from dms_app.translation import _

MAX_FILE_BYTES = 20 * 1024 * 1024  # the upload itself
MAX_ROWS = 50_000  # data rows, the header not counted
MAX_STREAM_BYTES = 500 * 1024 * 1024  # a file `iter_rows` streams from disk
STREAM_CHUNK = 1 << 20
MAX_CELL_CHARS = 32_000  # below Excel's 32,767, at which openpyxl cuts a longer cell without a word
MAX_JSON_DEPTH = 32  # nested lists / objects
# an XLSX is a zip: checked before openpyxl opens it, so that a zip bomb is never inflated
MAX_XLSX_ENTRIES = 2_000
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024  # all entries together, as their headers declare
MAX_XLSX_RATIO = 200  # uncompressed / compressed, for any entry above 1 MB
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
TABLE_EXTENSIONS = (*TEXT_EXTENSIONS, ".xlsx")
DELIMITERS = (",", ";", "\t")

_SIGNATURES = (
	(b"PK\x03\x04", "zip"),
	(b"PK\x05\x06", "zip"),
	(b"\xd0\xcf\x11\xe0", "xls"),
	(b"%PDF", "pdf"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(ValueError):
	"""The file as a whole can't be read; the message is translated and says why."""


def check_size(content: bytes) -> None:
	if content is None or not content.strip():
		raise ImportFileError(_("The file is empty"))
	if len(content) > MAX_FILE_BYTES:
		raise ImportFileError(
			_(
				"The file is {size} MB; import at most {limit} MB at a time",
				size=f"{len(content) / 1048576:.1f}",
				limit=MAX_FILE_BYTES // 1048576,
			)
		)


def decode_text(content: bytes | str) -> str:
	"""The text of a file in any of the encodings above; binary content is an ImportFileError."""
	if isinstance(content, str):
		# Frappe's File.get_content hands over text it could read as UTF-8, UTF-16 without a BOM
		# among it (its zero bytes are valid UTF-8): back to bytes, and detected like any file
		content = content.encode("utf-8")
	check_size(content)
	text = _decode(content)
	text = text.rstrip("\x1a")  # an old DOS end-of-file mark
	if not text.strip():
		raise ImportFileError(_("The file is empty"))
	controls = len(_CONTROL.findall(text))
	if "\x00" in text or controls > max(2, len(text) // 200):
		raise ImportFileError(_("The file is not text (it looks like a binary file): save it as CSV"))
	return text


def _decode(content: bytes) -> str:
	if content.startswith(b"\xef\xbb\xbf"):
		return _strict(content[3:], "utf-8")
	if content.startswith((b"\xff\xfe", b"\xfe\xff")):
		return _strict(content, "utf-16")
	for signature, kind in _SIGNATURES:
		if content.startswith(signature):
			raise ImportFileError(_not_text_message(kind))
	utf16 = _utf16_without_bom(content)
	if utf16:
		return _strict(content, utf16)
	if b"\x00" in content:
		raise ImportFileError(_("The file is not text (it looks like a binary file): save it as CSV"))
	try:
		return content.decode("utf-8")
	except UnicodeDecodeError:
		pass
	try:
		return content.decode("gb18030")
	except UnicodeDecodeError as error:
		raise ImportFileError(
			_(
				"The file is neither UTF-8 nor GB18030 (GBK) text (unreadable bytes at position {position}): "
				"save it again as CSV UTF-8",
				position=error.start,
			)
		) from None


def _utf16_without_bom(content: bytes) -> str | None:
	"""utf-16-le / utf-16-be when zero bytes fill one side of the byte pairs, as in UTF-16 text."""
	sample = content[:4096]
	pairs = len(sample) // 2
	if pairs < 2:
		return None
	even_zeros = sample[0::2].count(0)
	odd_zeros = sample[1::2].count(0)
	if odd_zeros >= pairs * 0.3 and even_zeros <= pairs * 0.02:
		return "utf-16-le"
	if even_zeros >= pairs * 0.3 and odd_zeros <= pairs * 0.02:
		return "utf-16-be"
	return None


def _strict(content: bytes, encoding: str) -> str:
	try:
		return content.decode(encoding).lstrip("\ufeff")
	except UnicodeDecodeError as error:
		raise ImportFileError(
			_(
				"The file is not valid {encoding} text (bad bytes at position {position})",
				encoding=encoding.upper().replace("-LE", "").replace("-BE", ""),
				position=error.start,
			)
		) from None


def _not_text_message(kind: str) -> str:
	if kind == "zip":
		return _("This is an Excel workbook (XLSX) or a zip archive, not CSV text: upload it as .xlsx")
	if kind == "xls":
		return _("This is an old Excel .xls workbook: save it as .xlsx or CSV UTF-8")
	return _("This is a PDF, not a data file: upload a CSV or XLSX file")


# --- tables -------------------------------------------------------------------------------------


def read_table(filename: str, content: bytes, max_rows: int = MAX_ROWS) -> list[list[str]]:
	"""Rows of stripped cell texts from a CSV / TXT / TSV (any encoding above) or XLSX file.

	The header is the first row; at most `max_rows` rows follow. Trailing blank rows are dropped.
	"""
	name = (filename or "").strip().lower()
	if name.endswith(".xlsx"):
		check_size(content)
		table = _read_xlsx(content, max_rows)
	elif name.endswith(TEXT_EXTENSIONS):
		table = _read_csv(decode_text(content), max_rows)
	elif name.endswith(".xls"):
		raise ImportFileError(_not_text_message("xls"))
	else:
		raise ImportFileError(
			_(
				"Upload a .csv or .xlsx file, not {name}",
				name=filename or "?",
			)
		)
	while table and not any(table[-1]):
		table.pop()
	if not table:
		raise ImportFileError(_("The file is empty"))
	return table


def _too_many_rows(max_rows: int) -> ImportFileError:
	return ImportFileError(_("Import at most {count} rows at a time", count=f"{max_rows:,}"))


def _cell_too_big(row_no: int) -> ImportFileError:
	return ImportFileError(
		_(
			"Row {row}: a cell is longer than {limit} characters",
			row=row_no,
			limit=f"{MAX_CELL_CHARS:,}",
		)
	)


def sniff_delimiter(text: str) -> str:
	"""The delimiter the first line uses most: comma, semicolon or tab (comma when none)."""
	header = text.split("\n", 1)[0]
	counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
	best = max(DELIMITERS, key=counts.get)
	return best if counts[best] else ","


def _read_csv(text: str, max_rows: int) -> list[list[str]]:
	reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
	table: list[list[str]] = []
	limit = csv.field_size_limit()
	csv.field_size_limit(MAX_CELL_CHARS)
	try:
		for cells in reader:
			if len(table) > max_rows:
				raise _too_many_rows(max_rows)
			table.append([cell.strip() for cell in cells])
	except csv.Error as error:
		if "field larger than field limit" in str(error):
			raise _cell_too_big(len(table) + 1) from None
		raise ImportFileError(
			_("Row {row}: the CSV can't be read ({error})", row=len(table) + 1, error=error)
		) from None
	finally:
		csv.field_size_limit(limit)
	if len(table) > max_rows + 1:
		raise _too_many_rows(max_rows)
	return table


# --- streaming ----------------------------------------------------------------------------------


def iter_rows(filename: str, source, max_rows: int = MAX_ROWS):
	"""The rows of a CSV / TXT / TSV or XLSX file as lists of stripped cell texts, one at a time:
	`source` is the file's path (str / PathLike) or its bytes. Memory stays flat however long the
	file is. The encoding is detected as `decode_text` does, over the whole file, before the first row
	is yielded, so an undecodable byte near the end raises ImportFileError before any row is used.
	Blank rows are skipped; more than `max_rows` data rows raise ImportFileError."""
	name = (filename or "").strip().lower()
	if name.endswith(".xls"):
		raise ImportFileError(_not_text_message("xls"))
	if not name.endswith(TABLE_EXTENSIONS):
		raise ImportFileError(_("Upload a .csv or .xlsx file, not {name}", name=filename or "?"))
	with _open_binary(source) as raw:
		if name.endswith(".xlsx"):
			yield from _limit(_iter_xlsx(raw), max_rows)
			return
		encoding, skip = _stream_encoding(raw)
		raw.seek(skip)
		text = io.TextIOWrapper(raw, encoding=encoding, newline="")
		first = text.readline()
		reader = csv.reader(itertools.chain([first], text), delimiter=sniff_delimiter(first.lstrip("\ufeff")))
		try:
			yield from _limit(_iter_csv(reader), max_rows)
		finally:
			text.detach()


def _open_binary(source):
	if isinstance(source, bytes | bytearray):
		if not source.strip():
			raise ImportFileError(_("The file is empty"))
		size = len(source)
	else:
		size = os.path.getsize(source)
	if not size:
		raise ImportFileError(_("The file is empty"))
	if size > MAX_STREAM_BYTES:
		raise ImportFileError(
			_(
				"The file is {size} MB; import at most {limit} MB at a time",
				size=f"{size / 1048576:.1f}",
				limit=MAX_STREAM_BYTES // 1048576,
			)
		)
	return io.BytesIO(source) if isinstance(source, bytes | bytearray) else open(source, "rb")


def _stream_encoding(raw) -> tuple[str, int]:
	"""(encoding, bytes to skip) for a binary file, read through once in chunks."""
	head = raw.read(4096)
	if not head.strip():
		raise ImportFileError(_("The file is empty"))
	if head.startswith(b"\xef\xbb\xbf"):
		candidates, skip = ["utf-8"], 3
	elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
		candidates, skip = ["utf-16"], 0
	else:
		for signature, kind in _SIGNATURES:
			if head.startswith(signature):
				raise ImportFileError(_not_text_message(kind))
		utf16 = _utf16_without_bom(head)
		candidates, skip = ([utf16] if utf16 else ["utf-8", "gb18030"]), 0
	for encoding in candidates:
		raw.seek(skip)
		decoder = codecs.getincrementaldecoder(encoding)()
		position = 0
		try:
			while chunk := raw.read(STREAM_CHUNK):
				text = decoder.decode(chunk)
				if "\x00" in text and not encoding.startswith("utf-16"):
					raise ImportFileError(
						_("The file is not text (it looks like a binary file): save it as CSV")
					)
				if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
					raise ImportFileError(
						_("The file is not text (it looks like a binary file): save it as CSV")
					)
				position += len(chunk)
			decoder.decode(b"", final=True)
			return encoding, skip
		except UnicodeDecodeError as error:
			if encoding == candidates[-1]:
				if len(candidates) > 1:
					raise ImportFileError(
						_(
							"The file is neither UTF-8 nor GB18030 (GBK) text (unreadable bytes at position "
							"{position}): save it again as CSV UTF-8",
							position=position + error.start,
						)
					) from None
				raise ImportFileError(
					_(
						"The file is not valid {encoding} text (bad bytes at position {position})",
						encoding=encoding.upper().replace("-LE", "").replace("-BE", ""),
						position=position + error.start,
					)
				) from None
	raise AssertionError("unreachable")


def _iter_csv(reader):
	limit = csv.field_size_limit()
	csv.field_size_limit(MAX_CELL_CHARS)
	row_no = 0
	try:
		for cells in reader:
			row_no += 1
			if row_no == 1 and cells:
				cells[0] = cells[0].lstrip("\ufeff")
			yield [cell.strip().rstrip("\x1a") for cell in cells]
	except csv.Error as error:
		if "field larger than field limit" in str(error):
			raise _cell_too_big(row_no + 1) from None
		raise ImportFileError(
			_("Row {row}: the CSV can't be read ({error})", row=row_no + 1, error=error)
		) from None
	finally:
		csv.field_size_limit(limit)


def _iter_xlsx(raw):
	content = raw.read()
	check_zip(content)
	from openpyxl import load_workbook

	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception as error:
		raise ImportFileError(_("The XLSX file can't be read: {error}", error=error)) from None
	try:
		if not book.worksheets:
			raise ImportFileError(_("The XLSX file has no sheet"))
		for row_no, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
			row = [cell_text(value) for value in values]
			if any(len(cell) > MAX_CELL_CHARS for cell in row):
				raise _cell_too_big(row_no)
			yield row
	finally:
		book.close()


def _limit(rows, max_rows: int):
	"""Rows with blank ones dropped; the header, then at most `max_rows` data rows."""
	count = 0
	for row in rows:
		if not any(row):
			continue
		if count > max_rows:
			raise _too_many_rows(max_rows)
		count += 1
		yield row
	if not count:
		raise ImportFileError(_("The file is empty"))


def check_zip(content: bytes) -> None:
	"""Refuse an XLSX that is not a zip, not a workbook, or would inflate beyond the limits.

	The sizes checked are those the zip's headers declare; Python's zipfile never inflates an entry
	past its declared size (a lie there ends in a CRC error, which is caught too).
	"""
	try:
		archive = zipfile.ZipFile(io.BytesIO(content))
	except (zipfile.BadZipFile, OSError, ValueError):
		raise ImportFileError(_("The file is not an Excel workbook (XLSX): save it again as .xlsx or CSV"))
	with archive:
		entries = archive.infolist()
		if len(entries) > MAX_XLSX_ENTRIES:
			raise ImportFileError(
				_("The XLSX file has {count} parts, more than a workbook has", count=len(entries))
			)
		if "xl/workbook.xml" not in archive.namelist():
			raise ImportFileError(
				_("The file is a zip archive but not an Excel workbook (XLSX): save it again as .xlsx")
			)
		total = 0
		for entry in entries:
			total += entry.file_size
			ratio = entry.file_size / max(entry.compress_size, 1)
			if total > MAX_XLSX_UNCOMPRESSED or (entry.file_size > 1048576 and ratio > MAX_XLSX_RATIO):
				raise ImportFileError(
					_(
						"The XLSX file would unpack to more than {limit} MB (a zip bomb?): it is refused",
						limit=MAX_XLSX_UNCOMPRESSED // 1048576,
					)
				)


def _read_xlsx(content: bytes, max_rows: int) -> list[list[str]]:
	check_zip(content)
	from openpyxl import load_workbook

	table: list[list[str]] = []
	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
		try:
			if not book.worksheets:
				raise ImportFileError(_("The XLSX file has no sheet"))
			for values in book.worksheets[0].iter_rows(values_only=True):
				if len(table) > max_rows:
					raise _too_many_rows(max_rows)
				row = [cell_text(value) for value in values]
				if any(len(cell) > MAX_CELL_CHARS for cell in row):
					raise _cell_too_big(len(table) + 1)
				table.append(row)
		finally:
			book.close()
	except ImportFileError:
		raise
	except Exception as error:
		raise ImportFileError(_("The XLSX file can't be read: {error}", error=error)) from None
	if len(table) > max_rows + 1:
		raise _too_many_rows(max_rows)
	return table


def cell_text(value) -> str:
	"""A spreadsheet value as the text a user sees: 12 not 12.0, dates as YYYY-MM-DD."""
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	elif isinstance(value, datetime):
		value = value.date() if value.time() == time(0) else value.replace(microsecond=0)
	if isinstance(value, date):
		return value.isoformat().replace("T", " ")
	return str(value).strip()


# --- JSON ---------------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def read_json(content: bytes | str, max_depth: int = MAX_JSON_DEPTH):
	"""The parsed JSON of a file in any of the encodings above; too deep or cut-off JSON is refused."""
	text = decode_text(content)
	depth = deepest = 0
	for bracket in _BRACKETS.finditer(_JSON_STRING.sub("", text)):
		depth += 1 if bracket.group() in "[{" else -1
		if depth > deepest:
			deepest = depth
			if deepest > max_depth:
				raise ImportFileError(_("The JSON is nested more than {limit} levels deep", limit=max_depth))
	try:
		return json.loads(text)
	except json.JSONDecodeError as error:
		if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
			message = _(
				"The JSON file is cut off: it ends at line {line} before its lists and objects are closed",
				line=error.lineno,
			)
		else:
			message = _(
				"The file is not valid JSON: {error} at line {line}, column {column}",
				error=error.msg,
				line=error.lineno,
				column=error.colno,
			)
		raise ImportFileError(message) from None
	except RecursionError:
		raise ImportFileError(
			_("The JSON is nested more than {limit} levels deep", limit=max_depth)
		) from None
