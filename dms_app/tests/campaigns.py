"""Test factories for recall and service campaigns: a campaign file and vehicles in a VIN range."""

import random

import frappe
from frappe.utils import add_days, nowdate

from dms_app.tests.factories import make_vin

ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890"


def series() -> dict:
	"""VIN parts no other test uses: {"wmi", "vds"} for make_vin."""
	return {"wmi": "1HG", "vds": "".join(random.choice(ALPHABET) for _ in range(5))}


def campaign_csv(code: str, vins=(), ranges=(), labour_operation: str = "", parts: str = "", **values) -> str:
	"""A campaign file, one row per VIN or range, the campaign's columns repeated."""
	header = "campaign_code,title,campaign_type,make,labour_operation,parts,start_date,end_date,vin,vin_from,vin_to"
	head = [
		code,
		values.get("title", "Airbag inflator replacement"),
		values.get("campaign_type", "Recall"),
		values.get("make", ""),
		labour_operation,
		parts,
		values.get("start_date", add_days(nowdate(), -30)),
		values.get("end_date", add_days(nowdate(), 335)),
	]
	lines = [header]
	lines += [",".join([*head, vin, "", ""]) for vin in vins]
	lines += [",".join([*head, "", first, last]) for first, last in ranges]
	return "\n".join(lines) + "\n"


def import_csv(text: str, dry_run: bool = False, file_name: str = "campaign.csv") -> dict:
	from dms_app.warranty.campaigns import import_campaigns

	return import_campaigns(
		file_name, text.encode("utf-8") if isinstance(text, str) else text, dry_run=dry_run
	)


def vins_of(campaign: str) -> dict[str, str]:
	return dict(
		frappe.get_all(
			"Service Campaign Vehicle",
			filters={"service_campaign": campaign},
			fields=["vin", "status"],
			as_list=True,
		)
	)


def range_vins(parts: dict, first: int, last: int) -> tuple[str, str]:
	return make_vin(serial=first, **parts), make_vin(serial=last, **parts)
