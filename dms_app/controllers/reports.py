"""What the DMS script reports share: their column definitions and their company / period filters.

Every report under dms_app/*/report/ builds its columns with column() or one of the named columns
below, so a column that stands in several reports (the VIN, the model, a customer...) reads the
same everywhere; the desk side of the shared filters is dms_app/public/js/dms_reports.js."""

import frappe
from frappe import _
from frappe.utils import add_days, add_months, getdate, nowdate


def column(label, fieldname, fieldtype="Data", options=None, width=120, precision=None) -> dict:
	"""A report column, its label translated now (call it inside the report's columns())."""
	col = {"label": _(label), "fieldname": fieldname, "fieldtype": fieldtype, "width": width}
	if options:
		col["options"] = options
	if precision is not None:
		col["precision"] = precision
	return col


def vin(fieldname="vin", width=170) -> dict:
	return column("VIN", fieldname, "Link", "Motor Vehicle", width)


def model(width=140) -> dict:
	return column("Model", "model", "Link", "Vehicle Model", width)


def make(width=110) -> dict:
	return column("Make", "make", "Link", "Vehicle Make", width)


def trim(width=200) -> dict:
	return column("Trim", "trim", "Link", "Vehicle Trim", width)


def customer(label="Customer", fieldname="customer", width=150) -> dict:
	return column(label, fieldname, "Link", "Customer", width)


def oem_supplier(label="OEM", width=160) -> dict:
	return column(label, "supplier", "Link", "Supplier", width)


def oem_order(fieldname="oem_order", width=150) -> dict:
	return column("OEM Order", fieldname, "Link", "OEM Vehicle Order", width)


def repair_order(fieldname="repair_order", width=140) -> dict:
	return column("Repair Order", fieldname, "Link", "Repair Order", width)


def purchase_order(width=150) -> dict:
	return column("Purchase Order", "purchase_order", "Link", "Purchase Order", width)


def currency(label, fieldname, width=120) -> dict:
	return column(label, fieldname, "Currency", width=width)


def period(filters, days: int | None = None) -> tuple[str, object, object]:
	"""Company (DMS Settings' when not chosen), From Date and To Date of a report's filters: To Date
	defaults to today, From Date to `days` days before it (12 months without `days`)."""
	filters = frappe._dict(filters or {})
	company = filters.company or frappe.db.get_single_value("DMS Settings", "company")
	to_date = getdate(filters.to_date or nowdate())
	default_from = add_days(to_date, -days) if days else add_months(to_date, -12)
	from_date = getdate(filters.from_date or default_from)
	if from_date > to_date:
		frappe.throw(_("From Date must be before To Date"))
	return company, from_date, to_date


def shows_costs(doctype: str, user: str | None = None) -> bool:
	"""Whether the user reads `doctype`'s permlevel-1 fields, where the dealer's costs are kept: a
	report shows cost figures only to them (docs/permissions.md)."""
	roles = set(frappe.get_roles(user))
	return any(p.permlevel == 1 and p.read and p.role in roles for p in frappe.get_meta(doctype).permissions)
