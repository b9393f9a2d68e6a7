"""Shared filters and look-ups of the vehicle sales KPI reports."""

import frappe
from frappe.utils import add_months, getdate, nowdate


def period(filters) -> tuple[str, object, object]:
	filters = frappe._dict(filters or {})
	company = filters.company or frappe.db.get_single_value("DMS Settings", "company")
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or add_months(to_date, -12))
	if from_date > to_date:
		frappe.throw(frappe._("From Date must be before To Date"))
	return company, from_date, to_date


def item_models() -> dict[str, str]:
	"""Vehicle Item → Vehicle Model, from the vehicles sold or stocked as that item."""
	return dict(
		frappe.db.sql(
			"select item, max(model) from `tabMotor Vehicle` where item is not null and model is not null group by item"
		)
	)


def column(label, fieldname, fieldtype="Data", options=None, width=120) -> dict:
	col = {"label": frappe._(label), "fieldname": fieldname, "fieldtype": fieldtype, "width": width}
	if options:
		col["options"] = options
	return col
