"""The VIN library with the site's own data: admins' WMI codes and VIN patterns, messages in the
user's language."""

import frappe
from frappe import _

from dms_app import translation
from dms_app.vin.decoder import Decoder
from dms_app.vin.vpic import lookup as vpic_lookup

CACHE_KEY = "dms_vin_site_data"
MEMO_SIZE = 20_000  # decoded VINs kept per request or job; a 10,000-VIN receipt fits


def site_data() -> dict:
	"""The admin's WMI codes and VIN patterns, cached until one of them changes."""
	data = frappe.cache.get_value(CACHE_KEY)
	if data is None:
		wmi_rows = frappe.get_all(
			"Vehicle Make WMI",
			fields=["wmi", "manufacturer", "country", "parent as make"],
			filters={"parenttype": "Vehicle Make"},
		)
		data = {
			"extra_wmi": {
				row.wmi.strip().upper(): (row.manufacturer or row.make, row.make, row.country)
				for row in wmi_rows
				if row.wmi
			},
			"vds_patterns": [
				dict(row)
				for row in frappe.get_all(
					"VIN Pattern",
					fields=[
						"make",
						"wmi",
						"vds_pattern as pattern",
						"year_from",
						"year_to",
						"priority",
						"model",
						"trim",
						"body_type as body",
						"engine",
						"fuel_type as fuel",
						"transmission",
					],
				)
			],
		}
		frappe.cache.set_value(CACHE_KEY, data)
	return data


def clear_site_data(*args, **kwargs):
	frappe.cache.delete_value(CACHE_KEY)
	frappe.local.dms_vin_decoder = None
	frappe.local.dms_vin_decoded = None


def decoder() -> Decoder:
	"""One compiled decoder per request or job: patterns are compiled once, not per VIN."""
	if not getattr(frappe.local, "dms_vin_decoder", None):
		data = site_data()
		frappe.local.dms_vin_decoder = Decoder(data["extra_wmi"] or None, data["vds_patterns"] or None)
		frappe.local.dms_vin_decoded = {}
	return frappe.local.dms_vin_decoder


def decode_vin(vin: str, vpic: bool = False):
	"""Decode with the site's data; `vpic` adds NHTSA vPIC's model, trim, body, engine and plant
	(ultravin, offline; for the desk, not for bulk receipts)."""
	translation.set_translator(_)
	if vpic:
		info = decoder().decode(vin)
		if info.wmi is not None and (data := vpic_lookup(info.vin)):
			decoder().enrich(info, data)
		return info
	return decoded(vin)


def decoded(vin: str):
	"""One decode per VIN per request or job: a receipt's VINs are checked on validate and decoded
	again by each vehicle record on submit. Callers read the result and never change it."""
	vin_decoder = decoder()  # made with its (empty) table of decoded VINs
	table = frappe.local.dms_vin_decoded
	info = table.get(vin)
	if info is None:
		if len(table) >= MEMO_SIZE:
			table.clear()
		info = table[vin] = vin_decoder.decode(vin)
	return info


def validate_vin(vin: str):
	"""Decode and throw one translated message listing every fault."""
	info = decode_vin(vin)
	if not info.valid:
		frappe.throw(
			"<br>".join(info.errors), title=_("Invalid VIN {0}").format(info.vin), exc=frappe.ValidationError
		)
	return info
