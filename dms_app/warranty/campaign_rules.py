"""Recall and service campaign rules, with no database: VIN ranges, the campaign's status, and the
OEM's campaign file (CSV rows or JSON) read into campaigns with every bad row reported.

**VIN range.** A range is two 17-character VINs, From and To. A VIN is in it when its positions 1-8
and 10-11 (WMI, VDS, model year, plant) equal those of From (and To, which must share them) and its
serial, positions 12-17, lies between From's and To's serials (inclusive, compared as text, which
for the digits OEMs use is numeric order). The check digit (position 9) differs from VIN to VIN and
is ignored.

**Status** follows the dates: Upcoming before the start date, Active from the start date to the end
date (inclusive; no end date: open-ended), Closed after it.

**File.** CSV: one row per VIN (`vin`) or range (`vin_from`, `vin_to`), the campaign's columns
repeated on each row (blank on a later row: as on the first). JSON: a campaign object, a list of
them or `{"campaigns": [...]}`, each with `vins` (a list of VINs) and `ranges` (a list of
`{"from", "to"}` or `[from, to]`), `parts` a list of `{"item_code", "qty"}` or the CSV's text. Parts
as text: `PART-1:2; PART-2` (a quantity after `:`, `*` or the multiplication sign; 1 when none), separated by `;` or `|`.
A bad row is reported (row number and reason) and never written; a campaign whose own columns are
bad (no title, bad dates, values differing between its rows) has every one of its rows reported.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from dms_app.translation import _
from dms_app.vin.structure import normalise, structure_errors

RECALL, SERVICE_CAMPAIGN = "Recall", "Service Campaign"
TYPES = {
	"recall": RECALL,
	"召回": RECALL,
	"servicecampaign": SERVICE_CAMPAIGN,
	"service": SERVICE_CAMPAIGN,
	"campaign": SERVICE_CAMPAIGN,
	"服务活动": SERVICE_CAMPAIGN,
	"技术服务活动": SERVICE_CAMPAIGN,
}
UPCOMING, ACTIVE, CLOSED = "Upcoming", "Active", "Closed"
HEADER_FIELDS = ("title", "campaign_type", "make", "labour_operation", "parts", "start_date", "end_date")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S")
_PART_SPLIT = re.compile("[;|\uff1b]")  # ; | and the full-width semicolon
_PART_QTY = re.compile(r"^(?P<code>.+?)\s*(?:[:*\u00d7]\s*(?P<qty>\d+(?:\.\d+)?))?$")


# --- ranges -------------------------------------------------------------------------------------


def range_key(vin: str) -> str:
	"""What every VIN of a range shares: positions 1-8 and 10-11 (the check digit left out)."""
	return vin[:8] + vin[9:11]


def serial(vin: str) -> str:
	return vin[11:17]


def range_errors(vin_from: str, vin_to: str) -> list[str]:
	"""Why (From, To) is not a range; [] when it is."""
	errors = [_("VIN From {vin}: {error}", vin=vin_from, error=e) for e in structure_errors(vin_from)] + [
		_("VIN To {vin}: {error}", vin=vin_to, error=e) for e in structure_errors(vin_to)
	]
	if errors:
		return errors
	if range_key(vin_from) != range_key(vin_to):
		return [
			_(
				"VIN From {vin_from} and VIN To {vin_to} differ before the serial (positions 1-8 and 10-11 must be equal)",
				vin_from=vin_from,
				vin_to=vin_to,
			)
		]
	if serial(vin_from) > serial(vin_to):
		return [
			_(
				"The range's serial runs backwards: {first} is after {last}",
				first=serial(vin_from),
				last=serial(vin_to),
			)
		]
	return []


def in_range(vin: str, vin_from: str, vin_to: str) -> bool:
	vin = normalise(vin or "")
	return (
		len(vin) == 17
		and range_key(vin) == range_key(vin_from)
		and serial(vin_from) <= serial(vin) <= serial(vin_to)
	)


# --- status -------------------------------------------------------------------------------------


def status(start_date: date | None, end_date: date | None, today: date) -> str:
	if start_date and today < start_date:
		return UPCOMING
	if end_date and today > end_date:
		return CLOSED
	return ACTIVE


# --- the file -----------------------------------------------------------------------------------


@dataclass
class Campaign:
	code: str
	first_row: int
	values: dict = field(default_factory=dict)  # the campaign's columns as first given
	parts: list[tuple[str, float]] = field(default_factory=list)
	vins: dict[str, int] = field(default_factory=dict)  # VIN → row
	ranges: dict[tuple[str, str], int] = field(default_factory=dict)  # (from, to) → row
	rows: list[int] = field(default_factory=list)
	errors: list[str] = field(default_factory=list)  # the campaign's own: every row is bad

	@property
	def title(self) -> str:
		return self.values.get("title") or ""

	@property
	def campaign_type(self) -> str:
		return self.values.get("campaign_type") or RECALL

	@property
	def start_date(self) -> date | None:
		return self.values.get("start_date")

	@property
	def end_date(self) -> date | None:
		return self.values.get("end_date")


def parse_date(value) -> date | None:
	if value in (None, ""):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = str(value).strip()
	for fmt in DATE_FORMATS:
		try:
			return datetime.strptime(text, fmt).date()
		except ValueError:
			continue
	raise ValueError(text)


def parse_parts(value) -> list[tuple[str, float]]:
	"""[(item code, qty)] from the text `A-1:2; B-2` or a JSON list of {"item_code", "qty"}."""
	if value in (None, ""):
		return []
	if isinstance(value, list):
		parts = []
		for entry in value:
			if isinstance(entry, dict):
				code = str(entry.get("item_code") or entry.get("part") or entry.get("code") or "").strip()
				qty = entry.get("qty", 1)
			else:
				code, qty = str(entry).strip(), 1
			if not code:
				raise ValueError(_("a part without an item code"))
			parts.append((code, _qty(qty, code)))
		return parts
	parts = []
	for chunk in _PART_SPLIT.split(str(value)):
		chunk = chunk.strip()
		if not chunk:
			continue
		match = _PART_QTY.match(chunk)
		parts.append((match.group("code").strip(), _qty(match.group("qty") or 1, chunk)))
	return parts


def _qty(value, part: str) -> float:
	try:
		qty = float(value)
	except (TypeError, ValueError):
		raise ValueError(_("part {part}: quantity {qty} is not a number", part=part, qty=value)) from None
	if qty <= 0:
		raise ValueError(_("part {part}: the quantity must be above zero", part=part))
	return qty


def campaign_values(record: dict) -> tuple[dict, list[str]]:
	"""The campaign's own columns of one row, parsed; and why they are bad."""
	values, errors = {}, []
	for name in HEADER_FIELDS:
		raw = record.get(name)
		if raw in (None, "", []):
			continue
		if name in ("start_date", "end_date"):
			try:
				values[name] = parse_date(raw)
			except ValueError:
				errors.append(_("{column} {value} is not a date (YYYY-MM-DD)", column=name, value=raw))
		elif name == "campaign_type":
			kind = TYPES.get(re.sub(r"[\s_-]", "", str(raw)).casefold())
			if kind:
				values[name] = kind
			else:
				errors.append(_("campaign_type {value} is neither Recall nor Service Campaign", value=raw))
		elif name == "parts":
			try:
				values[name] = parse_parts(raw)
			except ValueError as error:
				errors.append(_("parts: {error}", error=error))
		else:
			values[name] = str(raw).strip()
	return values, errors


def add_row(campaigns: dict, errors: list, row_no: int, record: dict) -> None:
	"""One CSV row (or one JSON campaign's header, with `vins`/`ranges` handled by the caller)."""
	code = str(record.get("campaign_code") or "").strip().upper()
	if not code:
		errors.append({"row": row_no, "campaign": "", "error": _("The campaign code is empty")})
		return
	values, problems = campaign_values(record)
	campaign = campaigns.get(code)
	if campaign is None:
		campaign = campaigns[code] = Campaign(code, row_no)
	campaign.rows.append(row_no)
	for name, value in values.items():
		known = campaign.values.get(name)
		if known is None:
			campaign.values[name] = value
		elif known != value:
			problems.append(
				_(
					"{column} is {value} here but {known} on row {row} of the same campaign",
					column=name,
					value=record.get(name),
					known=_text(known),
					row=campaign.first_row,
				)
			)
	if problems:
		campaign.errors.extend(_("Row {row}: {error}", row=row_no, error=p) for p in problems)
		return
	vin = normalise(str(record.get("vin") or ""))
	vin_from = normalise(str(record.get("vin_from") or ""))
	vin_to = normalise(str(record.get("vin_to") or ""))
	if vin and (vin_from or vin_to):
		_row_error(errors, row_no, code, _("Give either a VIN or a VIN range (vin_from, vin_to), not both"))
	elif vin:
		add_vin(campaign, errors, row_no, vin)
	elif vin_from or vin_to:
		add_range(campaign, errors, row_no, vin_from, vin_to)


def add_vin(campaign: Campaign, errors: list, row_no: int, vin: str) -> None:
	vin = normalise(vin)
	problems = structure_errors(vin)
	if problems:
		_row_error(errors, row_no, campaign.code, _("VIN {vin}: {error}", vin=vin, error="; ".join(problems)))
	elif vin in campaign.vins and campaign.vins[vin] != row_no:
		_row_error(
			errors,
			row_no,
			campaign.code,
			_("VIN {vin} is already on row {row}", vin=vin, row=campaign.vins[vin]),
		)
	else:
		campaign.vins[vin] = row_no


def add_range(campaign: Campaign, errors: list, row_no: int, vin_from: str, vin_to: str) -> None:
	vin_from, vin_to = normalise(vin_from), normalise(vin_to)
	if not (vin_from and vin_to):
		_row_error(errors, row_no, campaign.code, _("A VIN range needs both vin_from and vin_to"))
		return
	problems = range_errors(vin_from, vin_to)
	if problems:
		_row_error(errors, row_no, campaign.code, "; ".join(problems))
	else:
		campaign.ranges.setdefault((vin_from, vin_to), row_no)


def _row_error(errors: list, row_no: int, code: str, message: str) -> None:
	errors.append({"row": row_no, "campaign": code, "error": message})


def _text(value) -> str:
	if isinstance(value, list):
		return "; ".join(f"{code}:{qty:g}" for code, qty in value)
	return str(value)


def finish(campaigns: dict, errors: list) -> tuple[list[Campaign], list[dict]]:
	"""Check each campaign as a whole; a bad campaign's rows are all reported, and it is dropped."""
	good = []
	for campaign in campaigns.values():
		problems = list(campaign.errors)
		if not campaign.title:
			problems.append(_("The campaign has no title"))
		if not campaign.start_date:
			problems.append(_("The campaign has no start date"))
		if campaign.start_date and campaign.end_date and campaign.end_date < campaign.start_date:
			problems.append(
				_(
					"The end date {end} is before the start date {start}",
					end=campaign.end_date.isoformat(),
					start=campaign.start_date.isoformat(),
				)
			)
		if problems:
			message = "; ".join(problems)
			for row_no in sorted(set(campaign.rows)):
				_row_error(errors, row_no, campaign.code, message)
			continue
		if not (campaign.vins or campaign.ranges) and any(e["campaign"] == campaign.code for e in errors):
			continue  # every VIN row of it is bad: nothing of it is written
		campaign.parts = campaign.values.get("parts") or []
		good.append(campaign)
	return good, sorted(errors, key=lambda e: (e["row"], e["campaign"]))


def parse_records(records) -> tuple[list[Campaign], list[dict]]:
	"""Campaigns from (row number, {field: text}) rows of a CSV, and the bad rows."""
	campaigns: dict[str, Campaign] = {}
	errors: list[dict] = []
	for row_no, record in records:
		add_row(campaigns, errors, row_no, record)
	return finish(campaigns, errors)


def json_campaigns(data) -> list:
	"""The campaign objects of a JSON file: an object, a list of them, or {"campaigns": [...]}."""
	if isinstance(data, dict) and isinstance(data.get("campaigns"), list):
		data = data["campaigns"]
	if isinstance(data, dict):
		data = [data]
	if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
		raise ValueError(_('The JSON must be a campaign object, a list of them, or {"campaigns": [...]}'))
	return data


def parse_json(data, map_keys) -> tuple[list[Campaign], list[dict]]:
	"""Campaigns from the JSON objects (numbered from 1, as rows); `map_keys` maps a JSON object's keys
	to the columns (Columns.map_keys), so Chinese keys work as in a CSV header."""
	campaigns: dict[str, Campaign] = {}
	errors: list[dict] = []
	for row_no, item in enumerate(json_campaigns(data), start=1):
		record = map_keys({k: v for k, v in item.items() if k not in ("vins", "ranges")})
		add_row(campaigns, errors, row_no, record)
		code = str(record.get("campaign_code") or "").strip().upper()
		campaign = campaigns.get(code)
		if not campaign or campaign.errors:
			continue
		vins = item.get("vins") or []
		if not isinstance(vins, list):
			_row_error(errors, row_no, code, _("vins must be a list of VINs"))
			vins = []
		for vin in vins:
			add_vin(campaign, errors, row_no, str(vin or ""))
		ranges = item.get("ranges") or []
		if not isinstance(ranges, list):
			_row_error(errors, row_no, code, _('ranges must be a list of {"from", "to"}'))
			ranges = []
		for entry in ranges:
			if isinstance(entry, dict):
				first, last = (
					entry.get("from") or entry.get("vin_from"),
					entry.get("to") or entry.get("vin_to"),
				)
			elif isinstance(entry, list) and len(entry) == 2:
				first, last = entry
			else:
				first = last = ""
			add_range(campaign, errors, row_no, str(first or ""), str(last or ""))
	return finish(campaigns, errors)
