"""Repair orders not yet closed, by status and age (days since opened), with a chart by status."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from dms_app.service import kpi

OPEN = ("Open", "In Progress", "Waiting Parts", "Waiting Approval", "Completed", "Invoiced")


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
		ro.age_bucket = _(kpi.age_bucket(age))
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
		{
			"fieldname": "name",
			"label": _("Repair Order"),
			"fieldtype": "Link",
			"options": "Repair Order",
			"width": 140,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "age_days", "label": _("Age (Days)"), "fieldtype": "Int", "width": 90},
		{"fieldname": "age_bucket", "label": _("Age"), "fieldtype": "Data", "width": 100},
		{"fieldname": "overdue", "label": _("Past Promised Time"), "fieldtype": "Check", "width": 90},
		{
			"fieldname": "vehicle",
			"label": _("VIN"),
			"fieldtype": "Link",
			"options": "Motor Vehicle",
			"width": 170,
		},
		{"fieldname": "customer_name", "label": _("Customer"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "service_advisor",
			"label": _("Advisor"),
			"fieldtype": "Link",
			"options": "User",
			"width": 140,
		},
		{"fieldname": "opened_on", "label": _("Opened On"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "promised_time", "label": _("Promised Time"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "customer_total", "label": _("Customer Pay"), "fieldtype": "Currency", "width": 110},
		{
			"fieldname": "proposed_total",
			"label": _("Awaiting Decision"),
			"fieldtype": "Currency",
			"width": 110,
		},
	]
