"""Flat-rate hours of a labour operation for a vehicle model: the most specific row wins."""

import frappe
from frappe.utils import flt


def flat_hours(operation: str, vehicle_model: str | None = None, warranty: bool = False) -> float:
	"""Hours sold for `operation` on `vehicle_model` (None: the default hours).

	A row for the model wins over a row for its make, which wins over a row for every make and then
	the operation's own hours. With `warranty`, the OEM's warranty hours are used where set.
	"""
	op = frappe.get_cached_doc("Labour Operation", operation)
	make = frappe.get_cached_value("Vehicle Model", vehicle_model, "make") if vehicle_model else None
	row = best_row(op.times, make, vehicle_model)
	source = row or op
	if warranty and flt(source.warranty_flat_hours):
		return flt(source.warranty_flat_hours)
	return flt(source.flat_hours)


def best_row(rows, make: str | None, model: str | None):
	"""The row that matches the vehicle most specifically (model, then make, then any), or None."""

	def rank(row):
		if row.model:
			return 3 if model and row.model == model else None
		if row.make:
			return 2 if make and row.make == make else None
		return 1

	ranked = [(rank(row), row.idx, row) for row in rows]
	ranked = [r for r in ranked if r[0] is not None]
	return max(ranked, key=lambda r: (r[0], -r[1]))[2] if ranked else None


def default_labour_rate(item: str) -> float:
	"""The service Item's price in the default selling price list (0 when it has none)."""
	price_list = frappe.db.get_single_value("Selling Settings", "selling_price_list") or "Standard Selling"
	return flt(
		frappe.db.get_value(
			"Item Price", {"item_code": item, "price_list": price_list, "selling": 1}, "price_list_rate"
		)
	)
