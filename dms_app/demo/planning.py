"""Demo parts demand (a year of issues to repairs and counter sales) and the first forecast runs."""

import frappe
from frappe.utils import add_months, get_first_day, nowdate

from dms_app.demo.masters import PARTS

REMARK = "DMS demo: parts demand"


def create(rng) -> dict:
	"""Idempotent: the stock history is created once (found again by its remark), the runs once per period."""
	settings = frappe.get_single("DMS Settings")
	store = settings.parts_warehouse
	if not (settings.company and store):
		return {}
	if not frappe.db.exists("Stock Entry", {"remarks": REMARK, "docstatus": 1}):
		rates = {part_no: cost for part_no, _, cost, _ in PARTS}
		usage = {part: rng.choice((0.2, 0.4, 0.7, 1.5, 3, 6)) for part in rates}
		issues = [
			{part: sum(rng.random() < min(rate / 3, 0.95) for _ in range(3)) for part, rate in usage.items()}
			for _ in range(12)
		]
		# receive what the year uses plus a few: some parts end at or below their reorder point
		received = {p: sum(i[p] for i in issues) + rng.randint(0, 4) for p in rates}
		stock_entry(settings.company, "Material Receipt", store, received, month(13), rates)
		for n, quantities in zip(range(12, 0, -1), issues, strict=True):
			stock_entry(settings.company, "Material Issue", store, quantities, month(n), rates)
	from dms_app.planning.runs import start_run

	runs = [start_run(job, now=True) for job in ("Parts Forecast", "Vehicle Forecast")]
	return {
		"demand forecasts": frappe.db.count("Demand Forecast"),
		"forecast runs": ", ".join(runs),
	}


def month(months_ago: int) -> str:
	return str(get_first_day(add_months(nowdate(), -months_ago)).replace(day=5))


def stock_entry(company, purpose, warehouse, quantities, posting_date, rates):
	side = "t_warehouse" if purpose == "Material Receipt" else "s_warehouse"
	items = [
		{"item_code": part, "qty": qty, side: warehouse, "basic_rate": rates[part]}
		for part, qty in quantities.items()
		if qty > 0
	]
	if not items:
		return
	entry = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"company": company,
			"set_posting_time": 1,
			"posting_date": posting_date,
			"remarks": REMARK,
			"items": items,
		}
	)
	entry.insert(ignore_permissions=True)
	entry.submit()
