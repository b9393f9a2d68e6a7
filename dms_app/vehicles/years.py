import frappe
from frappe import _

FIRST_MODEL_YEAR = 1980  # ISO 3779's model-year cycle starts here


def validate_year_range(year_from: int | None, year_to: int | None):
	for year in (year_from, year_to):
		if year and not FIRST_MODEL_YEAR <= year <= 2100:
			frappe.throw(_("Model year {0} is out of range ({1} to 2100)").format(year, FIRST_MODEL_YEAR))
	if year_from and year_to and year_to < year_from:
		frappe.throw(_("Model years: 'to' ({0}) is before 'from' ({1})").format(year_to, year_from))
