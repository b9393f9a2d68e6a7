"""Recall and service campaigns on the site (rules and the file format: campaign_rules.py).

- A campaign's vehicles are Service Campaign Vehicle rows, one per VIN (natural key: campaign +
  VIN), so a campaign of 100,000 VINs is queryable per VIN. A VIN range adds a row for every vehicle
  on file in it when the campaign is saved, and for a vehicle created later (Motor Vehicle
  after_insert).
- A vehicle's **open campaigns**: its rows still Open, of campaigns running today (start date to end
  date). The Motor Vehicle form, the appointment (desk and /book-service), the repair order and
  /my-vehicles show them.
- The **campaign job**: one click on the repair order adds a warranty job linked to the campaign with
  the campaign's labour operation and parts (`add_campaign_job`). Completing the order completes the
  VIN's row and its draft claim carries the campaign code; a campaign claim skips the policy coverage
  check (a recall is paid whatever the vehicle's age or mileage).
"""

import frappe
from frappe import _
from frappe.utils import cint, date_diff, flt, getdate, now, nowdate

from dms_app.imports.columns import records
from dms_app.imports.files import ImportFileError, read_json, read_table
from dms_app.progress import Progress
from dms_app.translation import set_translator
from dms_app.warranty import campaign_rules
from dms_app.warranty.campaign_columns import COLUMNS

CAMPAIGN, VEHICLE = "Service Campaign", "Service Campaign Vehicle"
OPEN, COMPLETED, NOT_APPLICABLE = "Open", "Completed", "Not Applicable"
WARRANTY = "Warranty"
MAX_ROWS = 50_000
# more VINs than this are written on the long queue
BACKGROUND_VINS = 2_000
BULK_CHUNK = 1_000
BULK_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "service_campaign", "vin")
BULK_FIELDS += ("motor_vehicle", "status")


# --- what a vehicle has open ---------------------------------------------------------------------


def open_campaigns(vins, on_date=None) -> list[dict]:
	"""The open campaigns of `vins` (one VIN or a list) running on `on_date` (today), oldest first:
	[{vin, campaign, title, campaign_type, labour_operation, start_date, end_date, days_open, row}]."""
	if isinstance(vins, str):
		vins = [vins]
	vins = [v for v in vins or [] if v]
	if not vins:
		return []
	on_date = getdate(on_date or nowdate())
	rows = frappe.db.sql(
		"""select v.name as `row`, v.vin, c.name as campaign, c.title, c.campaign_type,
			c.labour_operation, c.start_date, c.end_date
		from `tabService Campaign Vehicle` v
		join `tabService Campaign` c on c.name = v.service_campaign
		where v.vin in %(vins)s and v.status = 'Open' and c.start_date <= %(day)s
			and (c.end_date is null or c.end_date >= %(day)s)
		order by c.start_date, c.name""",
		{"vins": vins, "day": on_date},
		as_dict=True,
	)
	for row in rows:
		row.days_open = date_diff(on_date, row.start_date)
	return rows


def campaign_row(campaign: str, vin: str):
	return frappe.db.get_value(
		VEHICLE, {"service_campaign": campaign, "vin": vin}, ["name", "status", "repair_order"], as_dict=True
	)


# --- vehicles of a campaign ----------------------------------------------------------------------


def vehicles_in_range(vin_from: str, vin_to: str) -> list[str]:
	"""Motor Vehicles on file in the range (campaign_rules: positions 1-8 and 10-11, serial between)."""
	key = campaign_rules.range_key(vin_from)
	return frappe.db.sql_list(
		"""select name from `tabMotor Vehicle`
		where name like %(prefix)s and concat(left(name, 8), substring(name, 10, 2)) = %(key)s
			and char_length(name) = 17 and substring(name, 12) between %(low)s and %(high)s""",
		{
			"prefix": key[:8] + "%",
			"key": key,
			"low": campaign_rules.serial(vin_from),
			"high": campaign_rules.serial(vin_to),
		},
	)


def add_vehicles(campaign: str, vins, dry_run: bool = False, progress=None) -> tuple[int, int]:
	"""Rows for the campaign's VINs not yet on it: (added, already there). Written in bulk (a campaign
	may have 100,000 VINs), each row linked to its Motor Vehicle when the VIN is on file."""
	vins = list(dict.fromkeys(vins))
	known = set()
	for start in range(0, len(vins), BULK_CHUNK):
		chunk = vins[start : start + BULK_CHUNK]
		known |= set(
			frappe.get_all(VEHICLE, filters={"service_campaign": campaign, "vin": ("in", chunk)}, pluck="vin")
		)
	new = [vin for vin in vins if vin not in known]
	if dry_run or not new:
		return len(new), len(known)
	user, stamp = frappe.session.user, now()
	for start in range(0, len(new), BULK_CHUNK):
		chunk = new[start : start + BULK_CHUNK]
		on_file = set(frappe.get_all("Motor Vehicle", filters={"name": ("in", chunk)}, pluck="name"))
		frappe.db.bulk_insert(
			VEHICLE, BULK_FIELDS, [new_row(campaign, vin, vin in on_file, user, stamp) for vin in chunk]
		)
		if progress:
			progress(start + len(chunk))
	return len(new), len(known)


def new_row(campaign: str, vin: str, on_file: bool, user: str, stamp) -> tuple:
	return (
		frappe.generate_hash(length=12),
		stamp,
		stamp,
		user,
		user,
		0,
		campaign,
		vin,
		vin if on_file else None,
		OPEN,
	)


def add_range_vehicles(campaign) -> int:
	"""Rows for the vehicles on file in the campaign's ranges (Service Campaign on_update)."""
	added = 0
	for row in campaign.get("ranges") or []:
		added += add_vehicles(campaign.name, vehicles_in_range(row.vin_from, row.vin_to))[0]
	return added


def on_vehicle_insert(doc, method=None):
	"""Motor Vehicle after_insert: a VIN the OEM listed before the vehicle arrived is linked to it, and a
	vehicle in a range of a campaign not yet closed joins it."""
	frappe.db.sql(
		"update `tabService Campaign Vehicle` set motor_vehicle = %s where vin = %s and motor_vehicle is null",
		(doc.name, doc.name),
	)
	if len(doc.name or "") != 17:
		return
	key = campaign_rules.range_key(doc.name)
	ranges = frappe.db.sql(
		"""select r.parent, r.vin_from, r.vin_to from `tabService Campaign Range` r
		join `tabService Campaign` c on c.name = r.parent
		where r.parenttype = 'Service Campaign' and r.vin_from like %(prefix)s
			and (c.end_date is null or c.end_date >= %(today)s)""",
		{"prefix": key[:8] + "%", "today": nowdate()},
		as_dict=True,
	)
	for row in ranges:
		if campaign_rules.in_range(doc.name, row.vin_from, row.vin_to):
			add_vehicles(row.parent, [doc.name])


# --- the import ----------------------------------------------------------------------------------


def read_file(filename: str, content) -> tuple[list, list[dict]]:
	"""(campaigns, bad rows) of a CSV / XLSX / JSON file; an unreadable file is an ImportFileError."""
	if (filename or "").lower().endswith(".json"):
		try:
			return campaign_rules.parse_json(read_json(content), COLUMNS.map_keys)
		except ValueError as error:
			if isinstance(error, ImportFileError):
				raise
			raise ImportFileError(str(error)) from None
	if isinstance(content, str):
		content = content.encode("utf-8")
	return campaign_rules.parse_records(records(read_table(filename, content, MAX_ROWS), COLUMNS))


def import_campaigns(filename: str, content, dry_run: bool = False) -> dict:
	"""Import an OEM campaign file: bad rows reported (row number, campaign, reason), never written.

	Upserts by natural key: a campaign by its code (its columns updated when the file differs), a
	VIN by campaign + VIN, a range by campaign + From + To; the same file twice changes nothing. A dry
	run checks everything and writes nothing. Returns {"created", "updated", "unchanged": [campaign],
	"vins_added", "vins_unchanged", "ranges_added", "errors": [{"row", "campaign", "error"}],
	"dry_run"}.
	"""
	set_translator(_)
	try:
		campaigns, errors = read_file(filename, content)
	except ImportFileError as error:
		frappe.throw(_("Can't read the campaign file: {0}").format(str(error)), title=_("Invalid File"))
	campaigns = [c for c in campaigns if not site_errors(c, errors)]
	errors.sort(key=lambda e: (e["row"], e["campaign"]))
	result = {
		"created": [],
		"updated": [],
		"unchanged": [],
		"vins_added": 0,
		"vins_unchanged": 0,
		"ranges_added": 0,
		"errors": errors,
		"dry_run": bool(dry_run),
	}
	total = sum(len(c.vins) for c in campaigns)
	progress = Progress(total, _("Importing service campaigns"))
	done = 0
	for campaign in campaigns:
		doc, state, ranges_added = upsert_campaign(campaign, dry_run)
		result[state].append(campaign.code)
		result["ranges_added"] += ranges_added
		added, there = add_vehicles(
			doc.name,
			list(campaign.vins),
			dry_run=dry_run,
			progress=lambda n, base=done: progress(base + n),
		)
		done += len(campaign.vins)
		result["vins_added"] += added
		result["vins_unchanged"] += there
	progress(total)
	return result


def site_errors(campaign, errors: list) -> bool:
	"""What the database knows is wrong with a campaign (unknown make, labour operation or part):
	every one of its rows is reported and the campaign is skipped."""
	problems = []
	values = campaign.values
	if values.get("make") and not frappe.db.exists("Vehicle Make", values["make"]):
		problems.append(_("make {0} is not a Vehicle Make").format(values["make"]))
	if values.get("labour_operation") and not frappe.db.exists(
		"Labour Operation", values["labour_operation"]
	):
		problems.append(_("labour operation {0} does not exist").format(values["labour_operation"]))
	for item, _qty in campaign.parts:
		if not frappe.db.exists("Item", item):
			problems.append(_("part {0} is not an Item").format(item))
	if not problems:
		return False
	message = "; ".join(problems)
	for row_no in sorted(set(campaign.rows)):
		errors.append({"row": row_no, "campaign": campaign.code, "error": message})
	return True


def upsert_campaign(campaign, dry_run: bool):
	"""(document, "created" | "updated" | "unchanged", ranges added) for one campaign of the file."""
	exists = frappe.db.exists(CAMPAIGN, campaign.code)
	doc = frappe.get_doc(CAMPAIGN, campaign.code) if exists else frappe.new_doc(CAMPAIGN)
	changed = not exists
	fields = {
		"campaign_code": campaign.code,
		"title": campaign.title,
		"campaign_type": campaign.campaign_type,
		"make": campaign.values.get("make"),
		"labour_operation": campaign.values.get("labour_operation"),
		"start_date": campaign.start_date,
		"end_date": campaign.end_date,
	}
	for name, value in fields.items():
		old = doc.get(name)
		if name in ("start_date", "end_date"):
			old = getdate(old) if old else None
		if not exists or (value or None) != (old or None):
			if exists and name in ("make", "labour_operation", "end_date") and value is None:
				continue  # a blank column keeps what is on file
			doc.set(name, value)
			changed = True
	parts = [(p.item_code, flt(p.qty)) for p in doc.get("parts") or []]
	if campaign.parts and campaign.parts != parts:
		doc.set("parts", [{"item_code": item, "qty": qty} for item, qty in campaign.parts])
		changed = True
	on_file = {(r.vin_from, r.vin_to) for r in doc.get("ranges") or []}
	new_ranges = [pair for pair in campaign.ranges if pair not in on_file]
	for vin_from, vin_to in new_ranges:
		doc.append("ranges", {"vin_from": vin_from, "vin_to": vin_to})
		changed = True
	state = "created" if not exists else "updated" if changed else "unchanged"
	if not dry_run and changed:
		doc.save()
	elif dry_run and not exists:
		doc.name = campaign.code
	return doc, state, len(new_ranges)


def import_file(file_url: str, dry_run: bool = False) -> dict:
	"""import_campaigns on an uploaded File; a real run of a big file goes to the long queue."""
	from dms_app.api import readable_file

	file = readable_file(file_url)
	content = file.get_content()
	if not dry_run and not frappe.flags.in_test:
		check = import_campaigns(file.file_name, content, dry_run=True)
		if check["vins_added"] > BACKGROUND_VINS:
			frappe.enqueue(
				"dms_app.warranty.campaigns.import_in_background",
				queue="long",
				timeout=3600,
				file_url=file_url,
				user=frappe.session.user,
			)
			return {**check, "dry_run": False, "queued": True}
	return import_campaigns(file.file_name, content, dry_run=dry_run)


def import_in_background(file_url: str, user: str):
	frappe.set_user(user)
	from dms_app.api import readable_file

	file = readable_file(file_url)
	result = import_campaigns(file.file_name, file.get_content())
	frappe.publish_realtime(
		"msgprint",
		_("Campaign import done: {0} campaigns created, {1} updated, {2} VINs added, {3} bad rows").format(
			len(result["created"]), len(result["updated"]), result["vins_added"], len(result["errors"])
		),
		user=user,
	)


# --- the campaign job on a repair order ----------------------------------------------------------


def add_campaign_job(order, campaign_name: str) -> int:
	"""Add the campaign's job to an open repair order: a warranty job linked to the campaign, with the
	campaign's labour operation and parts. Returns the new job number."""
	from dms_app.service.repair_orders import WORKING

	if order.docstatus != 0 or order.status not in WORKING:
		frappe.throw(
			_("Repair order {0} is {1}: campaign work can no longer be added").format(
				order.name, _(order.status)
			)
		)
	if not any(row.campaign == campaign_name for row in open_campaigns(order.vehicle)):
		frappe.throw(
			_("Vehicle {0} has no open campaign {1}").format(order.vehicle, campaign_name),
			title=_("Not in the Campaign"),
		)
	if any(row.get("service_campaign") == campaign_name for row in order.jobs or []):
		frappe.throw(_("Campaign {0} is already a job on repair order {1}").format(campaign_name, order.name))
	campaign = frappe.get_doc(CAMPAIGN, campaign_name)
	job_no = max([cint(row.job_no) for row in order.jobs or []] or [0]) + 1
	order.append(
		"jobs",
		{
			"job_no": job_no,
			"pay_type": WARRANTY,
			"service_campaign": campaign.name,
			"concern": _("{0} {1}: {2}").format(_(campaign.campaign_type), campaign.name, campaign.title),
		},
	)
	if campaign.labour_operation:
		order.append(
			"labour", {"job_no": job_no, "labour_operation": campaign.labour_operation, "pay_type": WARRANTY}
		)
	for part in campaign.parts:
		order.append(
			"parts", {"job_no": job_no, "item_code": part.item_code, "qty": part.qty, "pay_type": WARRANTY}
		)
	order.save()
	return job_no


def validate_repair_order(doc, method=None):
	"""Repair Order validate: a campaign job is a warranty job of a campaign the vehicle is in."""
	for job in doc.jobs or []:
		if not job.get("service_campaign"):
			continue
		if job.pay_type != WARRANTY:
			frappe.throw(
				_("Job {0} is campaign {1}'s work: its pay type is Warranty").format(
					job.job_no, job.service_campaign
				)
			)
		row = campaign_row(job.service_campaign, doc.vehicle)
		if not row or row.status == NOT_APPLICABLE:
			frappe.throw(
				_("Vehicle {0} is not in campaign {1}").format(doc.vehicle, job.service_campaign),
				title=_("Not in the Campaign"),
			)


def on_submit_repair_order(doc, method=None):
	"""A completed repair order completes its campaign jobs' VINs, with the order and the claim."""
	for job in doc.jobs or []:
		if not job.get("service_campaign"):
			continue
		row = campaign_row(job.service_campaign, doc.vehicle)
		if not row:
			continue
		claim = frappe.db.get_value(
			"OEM Warranty Claim", {"repair_order": doc.name, "job_no": job.job_no, "docstatus": ("<", 2)}
		)
		frappe.db.set_value(
			VEHICLE,
			row.name,
			{
				"status": COMPLETED,
				"completed_on": getdate(doc.completed_on or nowdate()),
				"repair_order": doc.name,
				"oem_warranty_claim": claim,
			},
		)


def on_cancel_repair_order(doc, method=None):
	"""A cancelled (reopened) order's campaign VINs are open again until its amendment completes."""
	for name in frappe.get_all(
		VEHICLE, filters={"repair_order": doc.name, "status": COMPLETED}, pluck="name"
	):
		frappe.db.set_value(
			VEHICLE,
			name,
			{"status": OPEN, "completed_on": None, "repair_order": None, "oem_warranty_claim": None},
		)


def claim_vehicle_in_campaign(claim) -> None:
	"""OEM Warranty Claim validate, for a campaign claim: the VIN must be in the campaign."""
	row = campaign_row(claim.service_campaign, claim.vin)
	if not row or row.status == NOT_APPLICABLE:
		frappe.throw(
			_("Vehicle {0} is not in campaign {1}").format(claim.vin, claim.service_campaign),
			title=_("Not in the Campaign"),
		)


# --- status --------------------------------------------------------------------------------------


def refresh_statuses():
	"""Daily: each campaign's status follows its dates."""
	today = getdate(nowdate())
	for row in frappe.get_all(CAMPAIGN, fields=["name", "status", "start_date", "end_date"]):
		status = campaign_rules.status(getdate(row.start_date), row.end_date and getdate(row.end_date), today)
		if status != row.status:
			frappe.db.set_value(CAMPAIGN, row.name, "status", status, update_modified=False)


# --- the portal ----------------------------------------------------------------------------------


def portal_flags(vehicles: list[dict]) -> dict[str, list[dict]]:
	"""{vin: [{campaign, title, campaign_type, vehicle_label}]} of the open campaigns of `vehicles`,
	which the portal page already scoped to the session customer."""
	labels = {v.name: v.get("label") or v.name for v in vehicles or []}
	flags: dict[str, list[dict]] = {}
	for row in open_campaigns(list(labels)):
		flags.setdefault(row.vin, []).append(
			frappe._dict(
				campaign=row.campaign,
				title=row.title,
				campaign_type=row.campaign_type,
				vehicle_label=labels.get(row.vin),
			)
		)
	return flags
