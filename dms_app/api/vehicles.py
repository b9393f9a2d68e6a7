"""Whitelisted vehicle methods: VIN decoding for the desk, imports and REST clients."""

import frappe
from frappe import _

from dms_app.vehicles.decoding import decode_vin as _decode


@frappe.whitelist()
def decode_vin(vin: str) -> dict:
	"""Decode one VIN with the site's WMI codes and VIN patterns; never writes anything."""
	if not isinstance(vin, str) or not vin.strip():
		frappe.throw(_("Enter a VIN to decode"))
	return _decode(vin).to_dict()


@frappe.whitelist()
def decode_vins(vins: list[str] | str) -> list[dict]:
	"""Decode many VINs (a JSON list or one per line) for imports."""
	if isinstance(vins, str):
		vins = frappe.parse_json(vins) if vins.strip().startswith("[") else vins.splitlines()
	if len(vins) > 10000:
		frappe.throw(_("Decode at most 10,000 VINs at a time"))
	return [_decode(vin).to_dict() for vin in vins if str(vin).strip()]
