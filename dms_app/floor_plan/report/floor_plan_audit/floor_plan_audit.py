"""Floor Plan Audit: each financed vehicle, what is owed on it, its status and where its certificate
and keys are (dms_app.floor_plan.audit.audit_rows). Without a status filter: the vehicles not paid off."""

import frappe

from dms_app.controllers import reports
from dms_app.floor_plan import audit


def execute(filters=None):
	data = audit.audit_rows(filters)
	summary = [
		{"label": frappe._("Vehicles"), "value": len(data), "datatype": "Int"},
		{
			"label": frappe._("Principal Outstanding"),
			"value": sum(row["outstanding_principal"] for row in data),
			"datatype": "Currency",
		},
		{
			"label": frappe._("Sold Out of Trust"),
			"value": sum(row["out_of_trust"] for row in data),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
	return columns(), data, None, None, summary


def columns():
	# what the auditor checks on the lot first: the vehicle and where its certificate and keys are
	return [
		reports.vin(width=180),
		reports.model(width=110),
		reports.column("Vehicle Status", "vehicle_status", width=90),
		reports.column("Certificate Location", "certificate_location", width=110),
		reports.column("Certificate Holder", "certificate_holder", width=140),
		reports.column("Keys Location", "keys_location", width=90),
		reports.column("Lender", "lender", "Link", "Supplier", 140),
		reports.column("Status", "status", width=80),
		reports.column("Financed On", "financed_on", "Date", width=100),
		reports.column("Days Financed", "days_financed", "Int", width=70),
		reports.currency("Principal Outstanding", "outstanding_principal", width=120),
		reports.column("Payoff Due Date", "payoff_due_date", "Date", width=100),
		reports.currency("Curtailment Overdue", "curtailment_overdue", width=110),
		reports.column("Sold Out of Trust", "out_of_trust", "Check", width=70),
		reports.column("Floor Plan Financing", "financing", "Link", "Floor Plan Financing", 130),
	]
