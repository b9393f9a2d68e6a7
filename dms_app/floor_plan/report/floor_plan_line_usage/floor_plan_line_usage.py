"""Floor Plan Line Usage: per lender line, the credit limit, the principal outstanding against it
(financing.line_usage), what is left, the vehicles financed, curtailments overdue and vehicles sold out
of trust (dms_app.floor_plan.audit.usage_rows)."""

from dms_app.controllers import reports
from dms_app.floor_plan import audit


def execute(filters=None):
	return columns(), audit.usage_rows(filters)


def columns():
	return [
		reports.column("Floor Plan Line", "floor_plan_line", "Link", "Floor Plan Line", 170),
		reports.column("Lender", "lender", "Link", "Supplier", 160),
		reports.column("Interest Rate (% p.a.)", "interest_rate", "Percent", width=90),
		reports.currency("Credit Limit", "credit_limit"),
		reports.currency("Used", "used"),
		reports.currency("Available", "available"),
		reports.column("% Used", "percent_used", "Percent", width=80),
		reports.column("Vehicles", "vehicles", "Int", width=80),
		reports.column("Overdue Curtailments", "overdue_curtailments", "Int", width=100),
		reports.column("Sold Out of Trust", "out_of_trust", "Int", width=90),
	]
