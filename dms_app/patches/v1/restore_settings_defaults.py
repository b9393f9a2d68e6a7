"""Sites installed before these DMS Settings fields had DocField defaults stored 0, blank or the
install time in them: a zero-length workshop day, no discount limit, no technician hours. Put the
defaults into those fields; a value that is none of those is the admin's and stays."""

import frappe
from frappe.utils import get_time

from dms_app.setup.defaults import ensure_default_records

FIELDS = (
	"technician_hours_per_day",
	"appointment_slot_minutes",
	"arrivals_per_slot",
	"booking_horizon_days",
	"service_interval_months",
	"service_interval_km",
	"warranty_deadline_alert_days",
	"max_discount_percent",
	"require_pdi_before_delivery",
)


def execute():
	settings = frappe.get_single("DMS Settings")
	fields = [f for f in FIELDS if not settings.get(f)]
	if get_time(settings.workshop_opens or "00:00") >= get_time(settings.workshop_closes or "00:00"):
		fields += ["workshop_opens", "workshop_closes"]
	for field in fields:
		settings.set(field, settings.meta.get_field(field).default)
	settings.flags.ignore_mandatory = True
	settings.save()
	ensure_default_records()  # and the default PDI template, item groups and accounts it points at
