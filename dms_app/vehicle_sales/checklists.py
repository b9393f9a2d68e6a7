"""The rows a new Trade-in Appraisal or PDI Checklist starts with, for the server and the new form alike."""

import frappe

CONDITION_AREAS = (
	"Body panels",
	"Paint",
	"Glass and lamps",
	"Tyres and wheels",
	"Interior and upholstery",
	"Engine / drive unit",
	"Transmission",
	"Brakes and suspension",
	"Electrics and infotainment",
	"Service history and keys",
)


def appraisal_rows() -> list[dict]:
	return [{"area": area} for area in CONDITION_AREAS]


def pdi_template(template: str | None = None) -> str | None:
	return template or frappe.db.get_single_value("DMS Settings", "default_pdi_template")


def pdi_rows(template: str | None) -> list[dict]:
	if not template:
		return []
	return [
		{"section": row.section, "check_item": row.check_item}
		for row in frappe.get_doc("PDI Template", template).items
	]
