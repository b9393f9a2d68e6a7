"""Weekly parts job: demand per item x warehouse from the stock ledger, forecasts, draft Material Requests.

Demand is what left a warehouse to a customer or a repair: stock ledger outflows of Delivery Notes and
stock-updating Sales / POS Invoices (their returns net out) and Stock Entries of purpose Material Issue
(parts issued to repair orders). Transfers between warehouses, receipts, reconciliations and
manufacturing are not demand. Repair orders move parts from the parts store to the workshop by transfer
and consume them there (dms_app.service): the workshop holds no stock of its own to replenish, so demand
leaving the workshop (DMS Settings) counts for the parts store, where the reorder point applies.
Cancelled entries are ignored. Vehicles (Item.is_vehicle) are excluded; when DMS Settings names a parts
item group only items in it (or below it) count.

Reorder suggestions are draft Purchase Material Requests, one per warehouse per run, rather than Item
Reorder levels: ERPNext's own reorder job would raise and *submit* requests from those levels on its own
schedule, and rewriting every item's reorder table weekly would overwrite what the Parts Manager set by
hand. A draft is a proposal the Parts Manager edits, submits or deletes; ERPNext's buying flow (RFQ,
Purchase Order) continues from it. A part already on an open draft Purchase request for the same
warehouse is not requested again; submitted requests and open orders already count in its projected
quantity, which is what the reorder point is compared with.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, getdate, nowdate

from dms_app.planning.periods import DAYS_PER_MONTH, build_histories, history_window, month_index, week_key
from dms_app.planning.policy import reorder_quantity
from dms_app.planning.results import finish_forecasts, forecast_fields, forecast_series, write_forecasts

JOB = "Parts Forecast"
HORIZON = 3
DEMAND_VOUCHERS = ("Delivery Note", "Sales Invoice", "POS Invoice")
DEMAND_STOCK_ENTRY_PURPOSES = ("Material Issue",)


def period_key(today) -> str:
	return week_key(today)


def set_window(run, today, settings):
	run.history_from, run.history_to = history_window(today, cint(settings.parts_history_months) or 24)


DEMAND_WAREHOUSE_SQL = "(case when sle.warehouse = %(workshop)s then %(parts_store)s else sle.warehouse end)"
"""The warehouse a demand entry counts for: the workshop's consumption counts for the parts store."""


def demand_conditions(run) -> tuple[str, dict]:
	"""FROM + WHERE of the stock ledger entries that are parts demand for the run's company and window."""
	workshop, parts_store = frappe.db.get_value(
		"DMS Settings", None, ["workshop_warehouse", "parts_warehouse"]
	)
	params = {
		"workshop": workshop or "",
		"parts_store": parts_store or workshop or "",
		"company": run.company,
		"from_date": run.history_from,
		"to_date": run.history_to,
		"vouchers": DEMAND_VOUCHERS,
		"purposes": DEMAND_STOCK_ENTRY_PURPOSES,
	}
	group_condition = ""
	group = frappe.db.get_single_value("DMS Settings", "parts_item_group")
	if group:
		params["lft"], params["rgt"] = frappe.db.get_value("Item Group", group, ["lft", "rgt"])
		group_condition = """and item.item_group in (select ig.name from `tabItem Group` ig
			where ig.lft >= %(lft)s and ig.rgt <= %(rgt)s)"""
	sql = f"""from `tabStock Ledger Entry` sle
		join `tabItem` item on item.name = sle.item_code
		left join `tabStock Entry` se on sle.voucher_type = 'Stock Entry' and se.name = sle.voucher_no
		where sle.is_cancelled = 0 and sle.company = %(company)s
			and sle.posting_date >= %(from_date)s and sle.posting_date < %(to_date)s
			and ifnull(item.is_vehicle, 0) = 0 {group_condition}
			and (sle.voucher_type in %(vouchers)s or se.purpose in %(purposes)s)"""
	return sql, params


def series_keys(run) -> list[tuple[str, str]]:
	"""(item, warehouse) pairs with demand in the window, in a stable order (chunks must not move on resume)."""
	sql, params = demand_conditions(run)
	return [
		tuple(row)
		for row in frappe.db.sql(
			f"""select sle.item_code, {DEMAND_WAREHOUSE_SQL} as wh {sql}
			group by sle.item_code, wh order by sle.item_code, wh""",
			params,
		)
	]


def monthly_demand(run, keys) -> list[tuple]:
	sql, params = demand_conditions(run)
	params["items"] = sorted({item for item, _ in keys})
	return frappe.db.sql(
		f"""select sle.item_code, {DEMAND_WAREHOUSE_SQL} as wh,
			date_format(sle.posting_date, '%%Y-%%m-01') as month, sum(-sle.actual_qty)
		{sql} and sle.item_code in %(items)s
		group by sle.item_code, wh, month""",
		params,
	)


def settings_periods():
	settings = frappe.get_cached_doc("DMS Settings")
	lead = cint(settings.parts_lead_time_days) / DAYS_PER_MONTH
	review = cint(settings.parts_review_days) / DAYS_PER_MONTH
	if lead + review <= 0:
		review = 7 / DAYS_PER_MONTH
	level = flt(settings.parts_service_level) / 100 or 0.95
	return lead, review, min(max(level, 0.5), 0.999)


def process_chunk(run, keys) -> dict:
	keys = [tuple(key) for key in keys]
	start, end = getdate(run.history_from), getdate(run.history_to)
	n_months = month_index(end, start)
	rows = [((item, wh), getdate(month), qty) for item, wh, month, qty in monthly_demand(run, keys)]
	histories = build_histories(keys, rows, start, n_months)
	lead, review, level = settings_periods()
	results, totals = forecast_series(histories, HORIZON, lead, review, level)
	records = [
		{
			"forecast_key": f"PART::{item}::{warehouse}",
			"forecast_for": "Part",
			"item": item,
			"warehouse": warehouse,
			**forecast_fields(history, result, end),
		}
		for (item, warehouse), history, result in zip(keys, histories, results, strict=True)
	]
	return {"forecasts_written": write_forecasts(run, records), **totals}


def finish(run) -> dict:
	"""Drop forecasts of series without demand any more, then draft the reorder Material Requests."""
	finish_forecasts(run, "Part")
	stats = {"suggestions": 0}
	if cint(frappe.db.get_single_value("DMS Settings", "draft_material_requests")):
		stats["suggestions"] = draft_material_requests(run)
	return stats


def reorder_lines(run) -> dict[str, list[tuple[str, float]]]:
	"""{warehouse: [(item, qty)]} of parts at or below their reorder point and not on an open draft."""
	rows = frappe.db.sql(
		"""select df.item, df.warehouse, df.reorder_point, df.order_up_to, ifnull(bin.projected_qty, 0)
		from `tabDemand Forecast` df
		join `tabItem` item on item.name = df.item and item.is_purchase_item = 1 and item.disabled = 0
		left join `tabBin` bin on bin.item_code = df.item and bin.warehouse = df.warehouse
		where df.forecast_run = %s and df.forecast_for = 'Part' and df.reorder_point > 0
		order by df.warehouse, df.item""",
		run.name,
	)
	drafted = set(
		frappe.db.sql(
			"""select mri.item_code, mri.warehouse from `tabMaterial Request Item` mri
			join `tabMaterial Request` mr on mr.name = mri.parent
			where mr.docstatus = 0 and mr.material_request_type = 'Purchase' and mr.company = %s""",
			run.company,
		)
	)
	lines = defaultdict(list)
	for item, warehouse, reorder_point, order_up_to, projected in rows:
		qty = reorder_quantity(reorder_point, order_up_to, projected)
		if qty and (item, warehouse) not in drafted:
			lines[warehouse].append((item, qty))
	return lines


def draft_material_requests(run) -> int:
	"""One draft Purchase Material Request per warehouse, committed one by one. Each is drafted under the
	run's row lock from lines read under it, so a retry after a worker died (or a second worker) skips
	the parts already drafted instead of requesting them twice."""
	from dms_app.planning.runs import commit

	lead_days = cint(frappe.db.get_single_value("DMS Settings", "parts_lead_time_days"))
	schedule_date = add_days(nowdate(), max(lead_days, 1))
	count, done = 0, set()
	while True:
		frappe.db.get_value("Forecast Run", run.name, "name", for_update=True)
		pending = [(wh, lines) for wh, lines in reorder_lines(run).items() if wh not in done]
		if not pending:
			break
		warehouse, lines = pending[0]
		done.add(warehouse)
		request = frappe.new_doc("Material Request")
		request.update(
			{
				"material_request_type": "Purchase",
				"company": run.company,
				"title": _("Reorder suggestion {0}").format(run.period_key),
				"transaction_date": nowdate(),
				"schedule_date": schedule_date,
				"set_warehouse": warehouse,
			}
		)
		for item, qty in lines:
			request.append(
				"items",
				{"item_code": item, "qty": qty, "warehouse": warehouse, "schedule_date": schedule_date},
			)
		request.flags.ignore_permissions = True
		request.insert()
		request.add_comment(
			"Comment",
			_(
				"Drafted by {0} from the parts forecast: quantities order each part up to its order-up-to level."
			).format(frappe.utils.get_link_to_form("Forecast Run", run.name)),
		)
		commit()
		count += len(lines)
	return count
