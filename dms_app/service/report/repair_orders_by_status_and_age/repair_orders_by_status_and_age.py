"""Repair orders not yet closed, by status and age (days since opened), with a chart by status.
Left out: closed, voided and cancelled repair orders."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from dms_app.controllers import reports
from dms_app.service import hours

OPEN = ("Open", "In Progress", "Waiting Parts", "Waiting Approval", "Completed", "Invoiced")


@frappe.read_only()  # a heavy read: on the replica when the site has one
def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"status": ("in", [filters.status] if filters.status else OPEN)}
	for field in ("company", "service_advisor"):
		if filters.get(field):
			conditions[field] = filters[field]
	now = now_datetime()
	rows = []
	for ro in frappe.get_list(
		"Repair Order",
		filters=conditions,
		fields=[
			"name",
			"status",
			"vehicle",
			"customer_name",
			"service_advisor",
			"opened_on",
			"promised_time",
			"customer_total",
			"proposed_total",
		],
		order_by="opened_on asc",
	):
		age = (now - get_datetime(ro.opened_on or now)).days
		ro.age_days = age
		ro.age_bucket = _(hours.age_bucket(age))
		ro.overdue = int(
			bool(ro.promised_time) and get_datetime(ro.promised_time) < now and ro.status in OPEN[:4]
		)
		rows.append(ro)
	return columns(), rows, None, chart(rows)


def chart(rows):
	counts = {}
	for row in rows:
		counts[row.status] = counts.get(row.status, 0) + 1
	statuses = [s for s in OPEN if s in counts]
	return {
		"data": {"labels": [_(s) for s in statuses], "datasets": [{"values": [counts[s] for s in statuses]}]},
		"type": "bar",
	}


def columns():
	return [
		reports.repair_order("name"),
		reports.column("Status", "status"),
		reports.column("Age (Days)", "age_days", "Int", width=90),
		reports.column("Age", "age_bucket", width=100),
		reports.column("Past Promised Time", "overdue", "Check", width=90),
		reports.vin("vehicle"),
		reports.column("Customer", "customer_name", width=150),
		reports.column("Advisor", "service_advisor", "Link", "User", 140),
		reports.column("Opened On", "opened_on", "Datetime", width=150),
		reports.column("Promised Time", "promised_time", "Datetime", width=150),
		reports.currency("Customer Pay", "customer_total", 110),
		reports.currency("Awaiting Decision", "proposed_total", 110),
	]
