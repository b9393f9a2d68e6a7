"""Delivery Note / stock-updating Sales Invoice: no vehicle leaves without a passed PDI."""

import frappe
from frappe import _
from frappe.utils import cint

from dms_app.vehicles.stock_events import vins_of

CLEARED = ("Passed", "Not Required")


def check_pdi(doc, method=None):
	if cint(doc.get("is_return")) or not cint(
		frappe.db.get_single_value("DMS Settings", "require_pdi_before_delivery")
	):
		return
	if doc.doctype == "Sales Invoice" and not cint(doc.update_stock):
		return
	pairs = vins_of(doc)
	if not pairs:
		return
	status = dict(
		frappe.get_all(
			"Motor Vehicle",
			filters={"name": ("in", [vin for _row, vin in pairs])},
			fields=["name", "pdi_status"],
			as_list=True,
		)
	)
	errors = [
		_("Row {0}: vehicle {1} has not passed its pre-delivery inspection (PDI {2})").format(
			row.idx, vin, _(status.get(vin) or "Pending")
		)
		for row, vin in pairs
		if status.get(vin) not in CLEARED
	]
	if errors:
		frappe.throw("<br>".join(errors), title=_("PDI not passed"))
