"""A receipt writes its vehicle records in batches (dms_app.vehicles.receiving): the records must be
the ones the per-document insert or save gives, field by field."""

import json

import frappe
import pytest

from dms_app.tests import factories
from dms_app.vehicles import receiving
from dms_app.vehicles.stock_events import landed_cost

WRITTEN_AT = ("creation", "modified")  # the moment of writing differs, nothing else may


def record(vin: str) -> dict:
	row = frappe.db.sql("select * from `tabMotor Vehicle` where name = %s", vin, as_dict=True)[0]
	return {field: value for field, value in row.items() if field not in WRITTEN_AT}


def save_per_document(vin: str, item: str, trim: str, values: dict):
	"""The per-document path the batches replace: the vehicle loaded or made, updated, saved."""
	if frappe.db.exists("Motor Vehicle", vin):
		vehicle = frappe.get_doc("Motor Vehicle", vin)
	else:
		vehicle = frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "item": item, "trim": trim})
	vehicle.update(values)
	vehicle.flags.ignore_permissions = True
	vehicle.save()


def test_batched_records_are_the_per_document_records(monkeypatch):
	monkeypatch.setattr(receiving, "BATCH", 2)  # three batches for five VINs
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	item = frappe.db.get_value("Vehicle Trim", trim, "item")
	vins = [factories.make_vin() for _ in range(5)]
	# one vehicle already in the pipeline (an OEM order's), saved rather than inserted
	frappe.get_doc(
		{
			"doctype": "Motor Vehicle",
			"vin": vins[2],
			"trim": trim,
			"colour": "Crystal Black",
			"status": "In Transit",
			"pipeline_status": "In Transit",
		}
	).insert()
	pipeline = frappe.db.sql("select * from `tabMotor Vehicle` where name = %s", vins[2], as_dict=True)[0]

	receipt = factories.receive_vehicles(vins, trim, rate=24500)
	batched = {vin: record(vin) for vin in vins}

	row = receipt.items[0]
	for vin in vins:
		frappe.db.delete("Motor Vehicle", {"name": vin})
	frappe.db.bulk_insert("Motor Vehicle", list(pipeline), [list(pipeline.values())])
	for vin in vins:
		save_per_document(
			vin,
			item,
			trim,
			{
				"company": receipt.company,
				"serial_no": vin,
				"warehouse": row.warehouse,
				"stock_in_date": receipt.posting_date,
				"purchase_receipt": receipt.name,
				"purchase_cost": row.rate,
				"landed_cost": landed_cost(receipt, row),
			},
		)
		assert batched[vin] == record(vin), vin
	assert batched[vins[2]]["colour"] == "Crystal Black" and batched[vins[2]]["status"] == "In Stock"
	assert batched[vins[0]]["status"] == "In Stock" and batched[vins[0]]["manufacturer"]


def test_a_vin_taken_since_the_batch_was_checked_gets_frappes_duplicate_message():
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	vin = factories.make_vin()
	vehicle = frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "trim": trim})
	vehicle.set_new_name()
	vehicle.run_method("validate")
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin, "trim": trim}).insert()
	with pytest.raises(frappe.DuplicateEntryError):
		receiving.insert([vehicle])
	assert f"Motor Vehicle <strong>{vin}</strong> already exists" in str(frappe.message_log[-1])


def test_global_search_entries_are_frappes(monkeypatch):
	"""The batch queues each record's global search entry as update_global_search would."""
	from frappe.utils.global_search import update_global_search

	monkeypatch.setattr(receiving, "BATCH", 2)
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	vins = [factories.make_vin() for _ in range(3)]
	queued = {}
	for path in ("batch", "per document"):
		frappe.cache.delete_value("global_search_queue")
		if path == "batch":
			factories.receive_vehicles(vins, trim, rate=24500)
		else:
			for vin in vins:
				update_global_search(frappe.get_doc("Motor Vehicle", vin))
		values = [json.loads(value) for value in frappe.cache.lrange("global_search_queue", 0, -1)]
		values = [value for value in values if value["doctype"] == "Motor Vehicle"]  # not the receipt's
		queued[path] = sorted(values, key=lambda value: value["name"])
	frappe.cache.delete_value("global_search_queue")
	assert len(queued["batch"]) == 3 and queued["batch"] == queued["per document"]


def test_deletion_check_runs_once_per_company_and_for_other_documents():
	"""ERPNext's running-deletion check: passed for the batch's records flagged as checked, run as
	before for the others and for any other document validated meanwhile."""
	trim = factories.make_vehicle_trim("Honda", "Accord", "EX-L")
	company = factories.default_company()
	running = frappe.new_doc("Transaction Deletion Record", company=company, status="Running")
	running.name, running.docstatus = frappe.generate_hash(length=10), 1
	running.db_insert()

	def validate(doc, checked: bool):
		doc.company, doc.flags.deletion_checked = company, checked
		doc.run_method("validate")

	def vehicle():
		return frappe.get_doc({"doctype": "Motor Vehicle", "vin": factories.make_vin(), "trim": trim})

	with receiving.deletion_checked_once():
		validate(vehicle(), checked=True)
		for doc in (vehicle(), frappe.new_doc("Warehouse", warehouse_name="Deletion check")):
			with pytest.raises(frappe.ValidationError, match="Deletion"):
				validate(doc, checked=doc.doctype == "Warehouse")
	with pytest.raises(frappe.ValidationError, match="Deletion"):
		validate(vehicle(), checked=True)  # the hooks are ERPNext's again
