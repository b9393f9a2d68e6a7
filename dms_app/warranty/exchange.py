"""Claim files exchanged with the OEM, with no database: export rows and the response import.

Export (one row per claim; CSV has these columns in this order, JSON has the same keys per claim
plus `labour`, `parts` and `sublet` lists):

=================  ================================================================
claim              the dealer's claim number (OEM Warranty Claim name) — the match key
vin                vehicle identification number
make, model        vehicle make and model
oem                the OEM as the dealer's debtor (ERPNext Customer)
repair_order       repair order number, with `job_no` the job on it
failure_date       date of failure (ISO 8601)
repair_date        date the repair was completed (ISO 8601)
odometer           reading at the repair, with `odometer_unit` (km / mi)
causal_part        part number of the part that failed first
failure_code       OEM failure (labour/trouble) code; `defect_code` the defect (symptom) code
condition, cause, correction   the 3C text
labour_hours       warranty (flat-rate) hours claimed
labour_amount, parts_amount, sublet_amount, claimed_amount   amounts in `currency`
submitted_on       date of (re)submission
status             the claim's status when exported
=================  ================================================================

JSON lines: labour {operation, description, hours, rate, amount}, parts {item_code, description,
qty, rate, amount, causal}, sublet {description, supplier, amount}.

Response import (CSV with a header row, or JSON: a list of objects, or {"claims": [...]}; any
encoding the shared reader detects; headers and keys may be the English or Chinese aliases of
`response_columns.py`, other columns are ignored):

=================  ================================================================
claim              required: the dealer's claim number
vin                optional: when given it must be the claim's VIN
status             required: Accepted, Partially Accepted, Rejected or Credited
accepted_amount    amount the OEM accepts (required except for Rejected; 0 for Rejected)
reason_code        rejection/debit reason code; required for Partially Accepted and Rejected
credit_reference   the OEM's credit note / remittance number; required for Credited
credit_date        date of the credit (ISO 8601; defaults to the import date)
oem_reference      the OEM's own claim number (optional)
notes              free text (optional)
=================  ================================================================
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from dms_app.imports import files
from dms_app.imports.columns import records as table_records
from dms_app.imports.files import ImportFileError
from dms_app.translation import _
from dms_app.warranty.response_columns import COLUMNS as RESPONSE_COLUMNS
from dms_app.warranty.rules import money, response_path

EXPORT_COLUMNS = (
	"claim",
	"vin",
	"make",
	"model",
	"oem",
	"repair_order",
	"job_no",
	"failure_date",
	"repair_date",
	"odometer",
	"odometer_unit",
	"causal_part",
	"failure_code",
	"defect_code",
	"condition",
	"cause",
	"correction",
	"labour_hours",
	"labour_amount",
	"parts_amount",
	"sublet_amount",
	"claimed_amount",
	"currency",
	"submitted_on",
	"status",
)
MAX_RESPONSE_ROWS = 10000


def _plain(value):
	if isinstance(value, date):
		return value.isoformat()
	return "" if value is None else value


def to_csv(claims: list[dict]) -> str:
	out = io.StringIO()
	writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore", lineterminator="\n")
	writer.writeheader()
	for claim in claims:
		writer.writerow({key: _plain(claim.get(key)) for key in EXPORT_COLUMNS})
	return out.getvalue()


def to_json(claims: list[dict]) -> str:
	def convert(value):
		if isinstance(value, dict):
			return {k: convert(v) for k, v in value.items()}
		if isinstance(value, list):
			return [convert(v) for v in value]
		return _plain(value)

	return json.dumps({"claims": [convert(c) for c in claims]}, indent=1, ensure_ascii=False)


@dataclass
class ResponseRow:
	row: int  # 1-based data row (CSV header not counted)
	claim: str
	status: str
	accepted_amount: float | None
	vin: str = ""
	reason_code: str = ""
	credit_reference: str = ""
	credit_date: date | None = None
	oem_reference: str = ""
	notes: str = ""
	path: list[str] = field(default_factory=list)  # filled by validate_responses


@dataclass(frozen=True)
class ClaimFacts:
	"""What the validation needs to know about one claim on the site."""

	name: str
	vin: str
	status: str
	claimed_amount: float
	accepted_amount: float | None = None


ResponseFileError = ImportFileError  # the file as a whole can't be read


def parse_response(content: str | bytes, file_format: str) -> tuple[list[ResponseRow], list[dict]]:
	"""Rows of an OEM response file and the rows that can't be read (row, claim, error)."""
	file_format = (file_format or "").lower().lstrip(".")
	if file_format not in ("csv", "json"):
		raise ResponseFileError(_("unknown file format '{0}': use csv or json").format(file_format))
	if isinstance(content, str):
		content = content.encode("utf-8")
	if file_format == "csv":
		table = files.read_table("response.csv", content, max_rows=MAX_RESPONSE_ROWS)
		records = [values for _row_no, values in table_records(table, RESPONSE_COLUMNS, unknown="ignore")]
	else:
		data = files.read_json(content)
		records = data.get("claims") if isinstance(data, dict) else data
		if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
			raise ResponseFileError(
				_('JSON must be a list of objects or an object with a list under "claims"')
			)
		if len(records) > MAX_RESPONSE_ROWS:
			raise ResponseFileError(_("at most {0} rows per file").format(MAX_RESPONSE_ROWS))
		records = [RESPONSE_COLUMNS.map_keys(record) for record in records]

	rows, errors = [], []
	for number, record in enumerate(records, start=1):
		try:
			rows.append(_row(number, record))
		except ValueError as e:
			errors.append({"row": number, "claim": str(record.get("claim") or "").strip(), "error": str(e)})
	return rows, errors


def _text(record: dict, key: str) -> str:
	value = record.get(key)
	return "" if value is None else str(value).strip()


def _row(number: int, record: dict) -> ResponseRow:
	claim = _text(record, "claim")
	if not claim:
		raise ValueError(_("no claim number"))
	status = _text(record, "status").title()
	amount = _text(record, "accepted_amount")
	try:
		accepted = money(amount.replace(",", "")) if amount else None
	except ArithmeticError as e:
		raise ValueError(_("accepted_amount '{0}' is not a number").format(amount)) from e
	if accepted is not None and accepted < 0:
		raise ValueError(_("accepted_amount cannot be negative"))
	credit_date = _text(record, "credit_date")
	try:
		parsed_date = date.fromisoformat(credit_date) if credit_date else None
	except ValueError as e:
		raise ValueError(_("credit_date '{0}' is not an ISO date (YYYY-MM-DD)").format(credit_date)) from e
	return ResponseRow(
		row=number,
		claim=claim,
		status=status,
		accepted_amount=accepted,
		vin=_text(record, "vin").upper(),
		reason_code=_text(record, "reason_code").upper(),
		credit_reference=_text(record, "credit_reference"),
		credit_date=parsed_date,
		oem_reference=_text(record, "oem_reference"),
		notes=_text(record, "notes"),
	)


def validate_responses(
	rows: list[ResponseRow],
	claims: dict[str, ClaimFacts],
	reason_codes: set[str],
	unchanged: list | None = None,
) -> tuple[list[ResponseRow], list[dict]]:
	"""Split rows into those that can be written and errors (row, claim, error).

	Each valid row gets its `path` of the claim's milestones. A claim answered twice in one file is an
	error for every row after the first. A row whose answer the claim already has (the same status and
	accepted amount: the same file imported again) is neither: it goes to `unchanged`, when given.
	"""
	valid, errors, seen = [], [], set()
	for row in rows:
		if _already_applied(row, claims.get(row.claim)) and row.claim not in seen:
			seen.add(row.claim)
			if unchanged is not None:
				unchanged.append(row)
			continue
		error = _check(row, claims.get(row.claim), reason_codes, seen)
		if error:
			errors.append({"row": row.row, "claim": row.claim, "error": error})
		else:
			seen.add(row.claim)
			valid.append(row)
	return valid, errors


def _already_applied(row: ResponseRow, claim: ClaimFacts | None) -> bool:
	if claim is None or claim.status != row.status or (row.vin and row.vin != claim.vin):
		return False
	if row.accepted_amount is None or claim.accepted_amount is None:
		return row.status == "Rejected" or row.accepted_amount is None
	return money(row.accepted_amount) == money(claim.accepted_amount)


def _check(row: ResponseRow, claim: ClaimFacts | None, reason_codes: set[str], seen: set) -> str | None:
	if claim is None:
		return _("unknown claim {0}").format(row.claim)
	if row.claim in seen:
		return _("the claim is answered twice in this file")
	if row.vin and row.vin != claim.vin:
		return _("VIN {0} is not the claim's VIN {1}").format(row.vin, claim.vin)
	accepted = row.accepted_amount
	if row.status == "Rejected":
		accepted = accepted or 0.0
	elif accepted is None:
		return _("accepted_amount is required for status {0}").format(row.status or _("(empty)"))
	if accepted > money(claim.claimed_amount):
		return _("accepted amount {0:.2f} is above the claimed {1:.2f}").format(
			accepted, claim.claimed_amount
		)
	row.accepted_amount = accepted
	try:
		row.path = response_path(claim.status, row.status, accepted, claim.claimed_amount)
	except ValueError as e:
		return str(e)
	needs_reason = {"Partially Accepted", "Rejected"} & set(row.path)
	if needs_reason and not row.reason_code:
		return _("a reason_code is required for {0}").format(", ".join(sorted(needs_reason)))
	if row.reason_code and row.reason_code not in reason_codes:
		return _("unknown reason_code {0}").format(row.reason_code)
	if "Credited" in row.path and not row.credit_reference:
		return _("credit_reference is required for Credited")
	return None
