"""Recall and service campaigns: OEM file import → flags at booking (desk and portal) and at the repair
order → one-click campaign job → completion per VIN → OEM warranty claim with the campaign code."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from dms_app.api import campaigns as api
from dms_app.service.parts import issue
from dms_app.tests import factories
from dms_app.tests.campaigns import campaign_csv, import_csv, range_vins, series, vins_of
from dms_app.tests.factories import make_user, make_vehicle_trim, make_vin
from dms_app.tests.portal import make_portal_customer
from dms_app.tests.repair_orders import make_part
from dms_app.tests.warranty import make_labour_operation, make_warranty_make
from dms_app.warranty import campaigns
from dms_app.warranty.report.campaign_completion_rate import campaign_completion_rate as completion_report
from dms_app.warranty.report.open_campaigns_by_vin import open_campaigns_by_vin as outreach_report
from dms_app.www import book_service, my_vehicles


def context_of(module, **form):
	frappe.form_dict.clear()
	frappe.form_dict.update(form)
	return module.get_context(frappe._dict())


def honda_vehicle(customer: str, vin: str | None = None, months_old: int = 12) -> str:
	from frappe.utils import add_months, nowdate

	return factories.make_customer_vehicle(
		customer,
		vin=vin or make_vin(**series()),
		trim=make_vehicle_trim("Honda", "Accord"),
		odometer=150_000,
		warranty_start_date=add_months(nowdate(), -months_old),
	)


def code() -> str:
	return f"RC-{frappe.generate_hash(length=6).upper()}"


def test_import_flags_booking_and_repair_order_then_job_completion_and_claim():
	make_warranty_make()
	owner = make_portal_customer()
	# 7 years and 150,000 km: out of every policy; a recall is paid regardless
	vin = honda_vehicle(owner.customer, months_old=84)
	operation = make_labour_operation(flat_hours=1.0, warranty_hours=0.7)
	part = make_part(qty=5)
	campaign = code()
	result = import_csv(
		campaign_csv(campaign, [vin], labour_operation=operation, parts=f"{part}:2", make="Honda")
	)
	assert (result["created"], result["vins_added"], result["errors"]) == ([campaign], 1, [])

	# flagged on the vehicle / desk booking (the form's API, as the advisor) and on the portal
	advisor = make_user(roles=("Service Advisor",))
	frappe.set_user(advisor)
	assert [c["campaign"] for c in api.open_campaigns(vin)] == [campaign]
	frappe.set_user(owner.user)
	booking = context_of(book_service)
	assert [c.campaign for c in booking.campaigns[vin]] == [campaign]
	assert [c.campaign for c in context_of(my_vehicles).campaigns[vin]] == [campaign]

	# the repair order opens: one click adds the warranty job with the campaign's labour and parts
	frappe.set_user(advisor)
	order = frappe.get_doc(
		{
			"doctype": "Repair Order",
			"vehicle": vin,
			"company": factories.default_company(),
			"jobs": [{"job_no": 1, "pay_type": "Customer", "concern": "Oil service"}],
		}
	).insert()
	assert [c["campaign"] for c in api.open_campaigns(order.vehicle)] == [campaign]
	job_no = api.add_campaign_job(order.name, campaign)
	order.reload()
	job = next(j for j in order.jobs if j.job_no == job_no)
	assert (job.pay_type, job.service_campaign) == ("Warranty", campaign)
	assert [(r.labour_operation, r.pay_type) for r in order.labour if r.job_no == job_no] == [
		(operation, "Warranty")
	]
	assert [(r.item_code, r.qty, r.pay_type) for r in order.parts if r.job_no == job_no] == [
		(part, 2, "Warranty")
	]
	with pytest.raises(frappe.ValidationError, match="already a job"):
		api.add_campaign_job(order.name, campaign)

	apply_workflow(frappe.get_doc("Repair Order", order.name), "Start Work")
	frappe.set_user("Administrator")
	issue(order.name)
	frappe.set_user(advisor)
	apply_workflow(frappe.get_doc("Repair Order", order.name), "Complete")
	frappe.set_user("Administrator")
	row = frappe.get_doc("Service Campaign Vehicle", {"service_campaign": campaign, "vin": vin})
	assert (row.status, row.repair_order) == ("Completed", order.name) and row.completed_on
	claim = frappe.get_doc("OEM Warranty Claim", row.oem_warranty_claim)
	assert (claim.service_campaign, claim.repair_order, claim.job_no) == (campaign, order.name, job_no)
	assert claim.warranty_policy is None and claim.labour_hours == 0.7
	assert campaigns.open_campaigns(vin) == []

	_columns, rows, *_rest = completion_report.execute({})
	mine = next(r for r in rows if r.service_campaign == campaign)
	assert (mine.affected, mine.completed, mine.completion_rate) == (1, 1, 100)


def test_dry_run_writes_nothing_bad_rows_are_reported_and_a_rerun_changes_nothing():
	parts = series()
	good, other = make_vin(serial=1, **parts), make_vin(serial=2, **parts)
	campaign = code()
	text = campaign_csv(campaign, [good, other, "NOT-A-VIN"])
	checked = import_csv(text, dry_run=True)
	assert checked["dry_run"] and checked["created"] == [campaign] and checked["vins_added"] == 2
	assert [(e["row"], e["campaign"]) for e in checked["errors"]] == [(4, campaign)]
	assert not frappe.db.exists("Service Campaign", campaign)
	assert not frappe.db.exists("Service Campaign Vehicle", {"service_campaign": campaign})

	first = import_csv(text)
	assert first["created"] == [campaign] and first["vins_added"] == 2 and len(first["errors"]) == 1
	assert vins_of(campaign) == {good: "Open", other: "Open"}
	modified = frappe.db.get_value("Service Campaign", campaign, "modified")
	again = import_csv(text)
	assert (again["unchanged"], again["vins_added"], again["vins_unchanged"]) == ([campaign], 0, 2)
	assert frappe.db.get_value("Service Campaign", campaign, "modified") == modified

	renamed = import_csv(campaign_csv(campaign, [good], title="Airbag module"))
	assert renamed["updated"] == [campaign]
	assert frappe.db.get_value("Service Campaign", campaign, "title") == "Airbag module"

	unknown = import_csv(campaign_csv(code(), [good], labour_operation="NO-SUCH-OP"))
	assert unknown["created"] == [] and "NO-SUCH-OP" in unknown["errors"][0]["error"]


def test_ranges_match_vehicles_on_file_and_vehicles_created_later():
	customer = factories.make_customer()
	parts = series()
	first, last = range_vins(parts, 100, 199)
	inside = honda_vehicle(customer, make_vin(serial=150, **parts))
	outside = honda_vehicle(customer, make_vin(serial=200, **parts))
	campaign = code()
	result = import_csv(campaign_csv(campaign, ranges=[(first, last)]))
	assert result["ranges_added"] == 1
	assert vins_of(campaign) == {inside: "Open"}
	later = honda_vehicle(customer, make_vin(serial=199, **parts))
	assert set(vins_of(campaign)) == {inside, later}
	assert outside not in vins_of(campaign)
	assert import_csv(campaign_csv(campaign, ranges=[(first, last)]))["unchanged"] == [campaign]

	_columns, rows = outreach_report.execute({"service_campaign": campaign})
	assert {r.vin for r in rows} == {inside, later} and rows[0].customer == customer

	bad = import_csv(campaign_csv(code(), ranges=[(last, first)]))
	assert bad["created"] == [] and "backwards" in bad["errors"][0]["error"]


def test_chinese_headers_in_gb18030_and_json():
	vin = make_vin(**series())
	campaign = code()
	text = f"活动代码,活动名称,活动类型,开始日期,车架号\n{campaign},安全气囊召回,召回,2027-01-01,{vin}\n"
	result = import_csv(text.encode("gb18030"))
	assert result["errors"] == [] and result["created"] == [campaign]
	assert frappe.db.get_value("Service Campaign", campaign, ["title", "campaign_type"]) == (
		"安全气囊召回",
		"Recall",
	)

	other = code()
	json_text = (
		f'{{"campaign_code": "{other}", "title": "ECU", "start_date": "2027-01-01", "vins": ["{vin}"]}}'
	)
	assert import_csv(json_text, file_name="c.json")["created"] == [other]
	with pytest.raises(frappe.ValidationError):
		import_csv(b"\x00\x01\x02binary", file_name="c.csv")


def test_portal_isolation_of_campaign_flags():
	alice, bob = make_portal_customer("Campaign Alice"), make_portal_customer("Campaign Bob")
	alice_vin, bob_vin = honda_vehicle(alice.customer), honda_vehicle(bob.customer)
	campaign = code()
	import_csv(campaign_csv(campaign, [alice_vin, bob_vin]))

	frappe.set_user(alice.user)
	assert set(context_of(my_vehicles).campaigns) == {alice_vin}
	assert set(context_of(book_service).campaigns) == {alice_vin}
	with pytest.raises(frappe.PermissionError):
		api.open_campaigns(bob_vin)
	with pytest.raises(frappe.PermissionError):
		api.open_campaigns(alice_vin)  # the desk method is staff only
	for doctype in ("Service Campaign", "Service Campaign Vehicle"):
		with pytest.raises(frappe.PermissionError):
			frappe.get_list(doctype)
		assert not frappe.has_permission(doctype, "read")
	row = frappe.db.get_value("Service Campaign Vehicle", {"vin": bob_vin})
	assert not frappe.has_permission("Service Campaign Vehicle", "read", doc=row)

	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		api.open_campaigns(alice_vin)
	with pytest.raises(frappe.PermissionError):
		frappe.get_list("Service Campaign Vehicle")


def test_roles():
	vin = honda_vehicle(factories.make_customer())
	advisor = make_user(roles=("Service Advisor",))
	frappe.set_user(advisor)
	with pytest.raises(frappe.PermissionError):
		api.import_campaigns("/private/files/none.csv")
	frappe.set_user(make_user(roles=("Sales User",)))
	with pytest.raises(frappe.PermissionError):
		api.open_campaigns(vin)
	frappe.set_user("Administrator")
	campaign = code()
	import_csv(campaign_csv(campaign, [vin]))
	frappe.set_user(advisor)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Service Campaign", campaign).save()
