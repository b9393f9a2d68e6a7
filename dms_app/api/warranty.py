"""Whitelisted warranty methods: coverage, OEM claim files, deadlines, claims from repair orders."""

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, nowdate

from dms_app.api import readable_file
from dms_app.warranty.policies import vehicle_covers


@frappe.whitelist()
def coverage(vin: str, date: str | None = None, odometer: float | None = None) -> dict:
	"""The warranty policies still covering `vin` on `date` at `odometer` (the vehicle's unit)."""
	frappe.has_permission("Motor Vehicle", "read", vin, throw=True)
	on_date = getdate(date or nowdate())
	if odometer in (None, ""):
		odometer = frappe.db.get_value("Motor Vehicle", vin, "odometer") or 0
	covers = vehicle_covers(vin, on_date, flt(odometer))
	return {
		"vin": vin,
		"date": str(on_date),
		"odometer": flt(odometer),
		"covered": bool(covers),
		"covers": [c.to_dict() for c in covers],
	}


@frappe.whitelist()
def export_claims(file_format: str = "csv", oem_customer: str | None = None, claims=None, download: int = 0):
	"""Claims awaiting the OEM as CSV or JSON (columns documented in dms_app/warranty/exchange.py)."""
	from dms_app.warranty.exchange_io import export_claims as _export

	frappe.has_permission("OEM Warranty Claim", "export", throw=True)
	if isinstance(claims, str):
		claims = frappe.parse_json(claims)
	content = _export(file_format, oem_customer, claims)
	if cint(download):
		frappe.response["filename"] = f"warranty-claims-{nowdate()}.{file_format}"
		frappe.response["filecontent"] = content
		frappe.response["type"] = "download"
		return None
	return content


@frappe.whitelist(methods=["POST"])
def import_response(
	content: str | None = None,
	file_format: str | None = None,
	file_url: str | None = None,
	dry_run: bool | int = False,
) -> dict:
	"""Apply an OEM response file (CSV or JSON) given as text or as an uploaded File's URL; with
	`dry_run`, check every row and write nothing."""
	from dms_app.warranty.exchange_io import import_response as _import

	frappe.has_permission("OEM Warranty Claim", "submit", throw=True)
	if file_url:
		file = readable_file(file_url)
		content = file.get_content()
		file_format = file_format or file.file_name.rsplit(".", 1)[-1]
	if not content:
		frappe.throw(_("Attach the OEM's response file (CSV or JSON)"))
	return _import(content, file_format or "csv", dry_run=bool(cint(dry_run)))


@frappe.whitelist()
@frappe.read_only()  # a KPI read: on the replica when the site has one
def claims_near_deadline(days: int | None = None) -> list[dict]:
	"""Draft claims whose submission deadline falls within `days` (see dms_app/warranty/deadlines.py)."""
	from dms_app.warranty.deadlines import claims_near_deadline as _near

	if not frappe.has_permission("OEM Warranty Claim", "read"):
		frappe.throw(_("Not permitted to read OEM Warranty Claims"), frappe.PermissionError)
	return _near(None if days in (None, "") else cint(days))


@frappe.whitelist(methods=["POST"])
def make_claims_from_repair_order(repair_order: str) -> list[str]:
	"""Draft claims for a completed repair order's warranty jobs that have none yet."""
	from dms_app.warranty.repair_orders import make_claims

	frappe.has_permission("OEM Warranty Claim", "create", throw=True)
	# locked: two users drafting claims for the same order at once would both find no claim yet
	order = frappe.get_doc("Repair Order", repair_order, for_update=True)
	order.check_permission("read")
	if order.status not in ("Completed", "Invoiced", "Closed"):
		frappe.throw(_("Repair order {0} is not completed yet").format(repair_order))
	return make_claims(order)
