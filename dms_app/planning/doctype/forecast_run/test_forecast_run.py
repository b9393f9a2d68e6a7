"""The weekly parts job on real stock ledger entries: extraction, idempotency, resuming, single writer."""

import json

import frappe
import pytest
from frappe.utils import add_days, nowdate

from dms_app.planning import parts
from dms_app.planning.runs import claim, create_run, execute_run, retry_runs, start_run
from dms_app.tests.factories import make_warehouse
from dms_app.tests.planning import delivery_note, make_part, months_ago, parts_warehouse, stock_entry


def forecasts_of(item):
	return frappe.get_all(
		"Demand Forecast",
		filters={"item": item},
		fields=["name", "warehouse", "history_values", "reorder_point", "order_up_to", "method"],
	)


def draft_request_lines(item, warehouse):
	return frappe.db.sql(
		"""select mri.qty from `tabMaterial Request Item` mri join `tabMaterial Request` mr on mr.name = mri.parent
		where mr.docstatus = 0 and mri.item_code = %s and mri.warehouse = %s""",
		(item, warehouse),
	)


@pytest.fixture
def part_with_demand():
	"""A part received 8 months ago, then issued to repairs, delivered, transferred and issued-and-cancelled."""
	store, other = parts_warehouse(), make_warehouse()
	item = make_part()
	stock_entry("Material Receipt", item, 20, months_ago(8), target=store)
	stock_entry("Material Issue", item, 5, months_ago(3), source=store)
	delivery_note(item, 3, months_ago(2), store)
	stock_entry("Material Transfer", item, 10, months_ago(2, day=12), source=store, target=other)
	stock_entry("Material Issue", item, 2, months_ago(1), source=store).cancel()
	return item, store, other


def test_demand_comes_from_issues_and_deliveries_only(part_with_demand):
	item, store, _ = part_with_demand
	run = frappe.get_doc("Forecast Run", start_run("Parts Forecast"))
	assert run.status == "Completed"
	[row] = forecasts_of(item)  # no series for the transfer's target warehouse
	assert row.warehouse == store
	# months -3, -2, -1: issue 5, delivery 3, nothing (the transfer and the cancelled issue are not demand)
	assert json.loads(row.history_values) == [5, 3, 0]
	assert row.method and row.reorder_point > 0 and row.order_up_to >= row.reorder_point


def test_repair_order_consumption_counts_for_the_parts_store():
	"""Parts go to the workshop by transfer and are consumed there (as dms_app.service books them)."""
	store = parts_warehouse()
	workshop = frappe.db.get_single_value("DMS Settings", "workshop_warehouse")
	item = make_part()
	stock_entry("Material Receipt", item, 10, months_ago(4), target=store)
	stock_entry("Material Transfer", item, 6, months_ago(2), source=store, target=workshop)
	stock_entry("Material Issue", item, 4, months_ago(2, day=15), source=workshop)
	start_run("Parts Forecast")
	[row] = forecasts_of(item)
	assert row.warehouse == store
	assert json.loads(row.history_values) == [4, 0]


def test_run_twice_writes_no_duplicates(part_with_demand):
	item, store, _ = part_with_demand
	first = start_run("Parts Forecast")
	[row] = forecasts_of(item)
	projected = frappe.db.get_value("Bin", {"item_code": item, "warehouse": store}, "projected_qty")
	assert projected <= row.reorder_point  # 2 on hand: the part needs reordering
	assert len(draft_request_lines(item, store)) == 1
	assert start_run("Parts Forecast") == first  # same period: the completed run is not redone
	# next week's run recomputes, but neither duplicates the forecast nor the open draft request
	second = start_run("Parts Forecast", today=add_days(nowdate(), 7))
	assert second != first and frappe.db.get_value("Forecast Run", second, "status") == "Completed"
	assert len(forecasts_of(item)) == 1
	assert len(draft_request_lines(item, store)) == 1


def three_parts():
	store = parts_warehouse()
	items = sorted(make_part() for _ in range(3))
	for item in items:
		stock_entry("Material Receipt", item, 50, months_ago(6), target=store)
		stock_entry("Material Issue", item, 2, months_ago(2), source=store)
	frappe.db.set_single_value("DMS Settings", "planning_chunk_size", 1)
	frappe.clear_document_cache("DMS Settings", "DMS Settings")
	return items


def test_paused_run_resumes_at_next_chunk():
	items = three_parts()
	name = create_run("Parts Forecast")
	assert execute_run(name, max_chunks=1) == "Queued"
	run = frappe.get_doc("Forecast Run", name)
	assert run.total_chunks >= 3 and run.last_chunk == 0
	keys = parts.series_keys(run)
	done = {tuple(k) for k in keys[:1]}
	assert {f.item for f in frappe.get_all("Demand Forecast", fields=["item"])} == {i for i, _ in done}
	assert execute_run(name) == "Completed"
	run.reload()
	assert "Resuming at chunk 2" in run.log
	assert run.last_chunk == run.total_chunks - 1 and run.progress == 100
	assert all(forecasts_of(item) for item in items)


def test_failed_chunk_is_rolled_back_and_resumed(monkeypatch):
	items = three_parts()
	name = create_run("Parts Forecast")
	original, processed = parts.process_chunk, []

	def failing_second_chunk(run, keys):
		if len(processed) == 1:
			original(run, keys)  # writes, then fails: its writes must not survive
			raise RuntimeError("worker lost")
		processed.append(keys)
		return original(run, keys)

	monkeypatch.setattr(parts, "process_chunk", failing_second_chunk)
	with pytest.raises(RuntimeError):
		execute_run(name)
	run = frappe.get_doc("Forecast Run", name)
	assert run.status == "Failed" and run.last_chunk == 0 and "worker lost" in run.error
	assert frappe.db.count("Demand Forecast") == 1  # only chunk 1's series

	resumed = []
	monkeypatch.setattr(parts, "process_chunk", lambda run, keys: resumed.append(keys) or original(run, keys))
	assert execute_run(name) == "Completed"
	keys = parts.series_keys(run)
	assert resumed == [[k] for k in keys[1:]]  # started at chunk 2, chunk 1 not redone
	assert all(len(forecasts_of(item)) == 1 for item in items)
	assert frappe.db.get_value("Forecast Run", name, "attempts") == 2


def test_a_running_job_is_not_claimed_twice():
	three_parts()
	name = create_run("Parts Forecast")
	assert claim(name)
	assert frappe.db.get_value("Forecast Run", name, "status") == "Running"
	assert not claim(name)  # the worker holding it is alive (recent heartbeat)
	assert execute_run(name) == "Running"
	assert frappe.db.count("Demand Forecast") == 0
	# a heartbeat older than the stale limit means the worker died: the run can be taken over
	frappe.db.set_value("Forecast Run", name, "modified", add_days(nowdate(), -1), update_modified=False)
	assert execute_run(name) == "Completed"


def test_unknown_job_is_refused():
	with pytest.raises(frappe.ValidationError, match="Unknown planning job"):
		create_run("Wheel Forecast")
	assert not frappe.db.exists("Forecast Run", {"job": "Wheel Forecast"})


def test_an_older_unfinished_run_is_superseded_by_a_newer_one():
	three_parts()
	old = create_run("Parts Forecast")
	frappe.db.set_value("Forecast Run", old, "creation", add_days(nowdate(), -7), update_modified=False)
	new = start_run("Parts Forecast", today=add_days(nowdate(), 7))
	assert frappe.db.get_value("Forecast Run", new, "status") == "Completed"
	assert execute_run(old) == "Failed"  # would overwrite next week's forecasts with older ones
	assert "Superseded" in frappe.db.get_value("Forecast Run", old, "error")
	assert not frappe.get_all("Demand Forecast", filters={"forecast_run": old})


def test_hourly_retry_finishes_a_failed_run(monkeypatch):
	three_parts()
	name = create_run("Parts Forecast")
	original = parts.process_chunk
	monkeypatch.setattr(
		parts, "process_chunk", lambda run, keys: (_ for _ in ()).throw(RuntimeError("db gone"))
	)
	with pytest.raises(RuntimeError):
		execute_run(name)
	monkeypatch.setattr(parts, "process_chunk", original)
	retry_runs()
	assert frappe.db.get_value("Forecast Run", name, ["status", "attempts"]) == ("Completed", 2)


def test_only_planners_can_start_runs():
	from dms_app.api.planning import run_forecast
	from dms_app.tests.factories import make_user

	frappe.set_user(make_user(roles=("Sales Consultant",)))
	with pytest.raises(frappe.PermissionError):
		run_forecast("Parts Forecast")
	frappe.set_user(make_user(roles=("Sales Manager",)))
	with pytest.raises(frappe.PermissionError):
		run_forecast("Parts Forecast")  # the vehicle job is theirs, not the parts job
	assert not frappe.db.exists("Forecast Run", {"job": "Parts Forecast"})
	frappe.set_user(make_user(roles=("Parts Manager",)))
	assert frappe.db.get_value("Forecast Run", run_forecast("Parts Forecast"), "status") == "Completed"


def test_resume_checks_the_caller():
	from dms_app.api.planning import resume_run
	from dms_app.tests.factories import make_user

	three_parts()
	name = create_run("Parts Forecast")
	frappe.set_user(make_user(roles=("Sales Manager",)))  # the vehicle job's planner, not this one's
	with pytest.raises(frappe.PermissionError):
		resume_run(name)
	frappe.set_user(make_user(roles=("Parts Manager",)))
	assert resume_run(name) == name
	assert frappe.db.get_value("Forecast Run", name, "status") == "Completed"
	with pytest.raises(frappe.ValidationError, match="already completed"):
		resume_run(name)
	with pytest.raises(frappe.DoesNotExistError):
		resume_run("Parts Forecast-1999-W01")
