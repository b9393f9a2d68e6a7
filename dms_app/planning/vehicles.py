"""Monthly vehicle job: sales per Vehicle Model, forecasts and order suggestions for the Sales Manager.

A sale is the first submitted, non-return Sales Invoice or Delivery Note line carrying the vehicle's VIN
(a vehicle invoiced and delivered counts once, in the month of the earlier document); used vehicles are
left out, as they are not ordered from the OEM. The suggestion orders up to the level that covers the
forecast over the OEM lead time plus the cover period, with a service-level safety stock, against the
pipeline: new vehicles in stock (available, not reserved or sold) plus what is coming. Vehicles in transit
are not received yet, so they are still on their open Purchase Order: the pipeline counts the larger of
the two, not their sum.
"""

import math
from collections import defaultdict

import frappe
from frappe.utils import cint, flt, getdate

from dms_app.planning.periods import build_histories, history_window, month_index, month_key, month_start
from dms_app.planning.policy import vehicle_order_quantity
from dms_app.planning.results import finish_forecasts, forecast_fields, forecast_series, write_forecasts

JOB = "Vehicle Forecast"


def period_key(today) -> str:
	return month_key(today)


def set_window(run, today, settings):
	run.history_from, run.history_to = history_window(today, cint(settings.vehicle_history_months) or 36)


def series_keys(run) -> list[str]:
	return frappe.get_all("Vehicle Model", order_by="name asc", pluck="name")


def sales_by_month(run, models) -> list[tuple]:
	"""(model, month start, units) for the run's window."""
	rows = frappe.db.sql(
		"""select mv.model, min(sold.posting_date) as sold_on
		from (
			select sii.vin, si.posting_date from `tabSales Invoice Item` sii
			join `tabSales Invoice` si on si.name = sii.parent
			where si.docstatus = 1 and si.is_return = 0 and si.company = %(company)s and ifnull(sii.vin, '') != ''
			union all
			select dni.vin, dn.posting_date from `tabDelivery Note Item` dni
			join `tabDelivery Note` dn on dn.name = dni.parent
			where dn.docstatus = 1 and dn.is_return = 0 and dn.company = %(company)s and ifnull(dni.vin, '') != ''
		) sold
		join `tabMotor Vehicle` mv on mv.name = sold.vin
		where mv.model in %(models)s and ifnull(mv.stock_type, '') != 'Used'
		group by sold.vin, mv.model""",
		{"company": run.company, "models": models},
	)
	start, end = getdate(run.history_from), getdate(run.history_to)
	counts = defaultdict(int)
	for model, sold_on in rows:
		if start <= getdate(sold_on) < end:
			counts[(model, month_start(getdate(sold_on)))] += 1
	return [(model, month, units) for (model, month), units in counts.items()]


def pipeline(run, models) -> dict[str, dict]:
	"""{model: {in_stock, in_transit, on_order}} of new vehicles."""
	position = {m: {"in_stock": 0, "in_transit": 0, "on_order": 0} for m in models}
	for model, status, count in frappe.db.sql(
		"""select model, status, count(*) from `tabMotor Vehicle`
		where model in %(models)s and status in ('In Stock', 'In Transit') and ifnull(stock_type, '') != 'Used'
			and (ifnull(company, '') = '' or company = %(company)s)
		group by model, status""",
		{"models": models, "company": run.company},
	):
		position[model]["in_stock" if status == "In Stock" else "in_transit"] += cint(count)
	for model, qty in frappe.db.sql(
		"""select trim.model, sum(poi.stock_qty - poi.received_qty * poi.conversion_factor)
		from `tabPurchase Order Item` poi
		join `tabPurchase Order` po on po.name = poi.parent
		join `tabVehicle Trim` trim on trim.item = poi.item_code
		where po.docstatus = 1 and po.status not in ('Closed', 'Completed') and po.company = %(company)s
			and trim.model in %(models)s and poi.received_qty < poi.qty
		group by trim.model""",
		{"models": models, "company": run.company},
	):
		position[model]["on_order"] += max(cint(math.floor(flt(qty))), 0)
	return position


def process_chunk(run, models) -> dict:
	settings = frappe.get_cached_doc("DMS Settings")
	lead = flt(settings.vehicle_lead_time_months)
	cover = flt(settings.vehicle_cover_months) or 1.0
	level = min(max(flt(settings.vehicle_service_level) / 100 or 0.9, 0.5), 0.999)
	start, end = getdate(run.history_from), getdate(run.history_to)
	n_months = month_index(end, start)
	histories = build_histories(models, sales_by_month(run, models), start, n_months)
	horizon = max(math.ceil(lead + cover), 1)
	results, totals = forecast_series(histories, horizon, lead, cover, level)
	position = pipeline(run, models)
	records, suggestions = [], 0
	for model, history, result in zip(models, histories, results, strict=True):
		if not any(history):
			continue
		records.append(
			{
				"forecast_key": f"MODEL::{model}",
				"forecast_for": "Vehicle Model",
				"vehicle_model": model,
				**forecast_fields(history, result, end),
			}
		)
		stock = position[model]
		policy = result["policy"]
		qty = vehicle_order_quantity(
			policy.order_up_to, stock["in_stock"], stock["in_transit"], stock["on_order"]
		)
		suggestions += write_suggestion(run, model, result, policy, stock, qty, lead, cover)
	return {"forecasts_written": write_forecasts(run, records), "suggestions": suggestions, **totals}


def write_suggestion(run, model, result, policy, stock, qty, lead, cover) -> int:
	"""Create or refresh this month's suggestion for ``model``; one the Sales Manager handled is kept."""
	key = f"{model} {run.period_key}"
	existing = frappe.db.get_value(
		"Vehicle Order Suggestion", {"suggestion_key": key}, ["name", "status"], as_dict=True
	)
	if existing and existing.status != "Open":
		return 0
	if not existing and qty <= 0:
		return 0
	doc = (
		frappe.get_doc("Vehicle Order Suggestion", existing.name)
		if existing
		else frappe.new_doc("Vehicle Order Suggestion")
	)
	doc.update(
		{
			"suggestion_key": key,
			"vehicle_model": model,
			"period_key": run.period_key,
			"company": run.company,
			"forecast_run": run.name,
			"method": result["method"],
			"forecast_per_month": round(policy.mean_demand, 3),
			"lead_time_months": lead,
			"cover_months": cover,
			"target_stock": round(policy.order_up_to, 2),
			"in_stock": stock["in_stock"],
			"in_transit": stock["in_transit"],
			"on_order": stock["on_order"],
			"suggested_qty": qty,
		}
	)
	doc.save(ignore_permissions=True)  # the job's own record; who may run the job is checked when it starts
	return 1


def finish(run) -> dict:
	finish_forecasts(run, "Vehicle Model")
	return {}
