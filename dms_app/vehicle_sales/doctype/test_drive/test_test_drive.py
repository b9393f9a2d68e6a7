import frappe
import pytest
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, nowdate

from dms_app.tests import factories
from dms_app.tests import vehicle_sales as tu
from dms_app.vehicle_sales import crm


def test_expired_licence_is_refused():
	vin = tu.stock_vehicle()
	with pytest.raises(frappe.ValidationError, match="expired"):
		tu.make_test_drive(vin, lead=tu.make_lead(), licence_expiry=add_days(nowdate(), -1))


def test_a_vehicle_cannot_be_double_booked():
	vin = tu.stock_vehicle()
	start = add_days(now_datetime(), 2)
	first = tu.make_test_drive(vin, start=start, hours=1, lead=tu.make_lead())
	with pytest.raises(frappe.ValidationError, match="already booked"):
		tu.make_test_drive(vin, start=add_to_date(start, minutes=30), lead=tu.make_lead())
	# back to back is fine, and a cancelled drive frees the slot
	tu.make_test_drive(vin, start=add_to_date(start, hours=1), lead=tu.make_lead())
	first.status = "Cancelled"
	first.save()
	tu.make_test_drive(vin, start=start, hours=1, lead=tu.make_lead())


def test_bad_times_and_missing_prospect_are_refused():
	vin = tu.stock_vehicle()
	with pytest.raises(frappe.ValidationError, match="end after it starts"):
		tu.make_test_drive(vin, hours=-1, lead=tu.make_lead())
	with pytest.raises(frappe.ValidationError, match="lead, opportunity or customer"):
		tu.make_test_drive(vin)


def test_sold_vehicle_cannot_be_booked():
	vin = tu.stock_vehicle()
	factories.make_sales_order(factories.make_customer(), vin)
	from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice

	order = frappe.get_value("Motor Vehicle", vin, "sales_order")
	invoice = make_sales_invoice(order)
	invoice.insert()
	invoice.submit()
	with pytest.raises(frappe.ValidationError, match="cannot be test-driven"):
		tu.make_test_drive(vin, lead=tu.make_lead())


def test_completed_drive_schedules_a_follow_up_and_reminder():
	consultant = factories.make_user(roles=("Sales Consultant", "Sales User"))
	lead = tu.make_lead()
	# yesterday at 10:00, so the drive ends yesterday at any time of day: the follow-up is today
	yesterday = get_datetime(f"{add_days(nowdate(), -1)} 10:00:00")
	drive = tu.make_test_drive(tu.stock_vehicle(), start=yesterday, lead=lead, sales_person=consultant)
	drive.status = "Completed"
	drive.save()
	todo = frappe.get_all(
		"ToDo",
		filters={"reference_type": "Lead", "reference_name": lead, "status": "Open"},
		fields=["name", "allocated_to", "date"],
	)
	assert [(t.allocated_to, t.date) for t in todo] == [(consultant, getdate(nowdate()))]
	tu.run_daily_notifications()
	assert frappe.db.exists(
		"Notification Log", {"for_user": consultant, "document_type": "ToDo", "document_name": todo[0].name}
	)


def test_follow_up_cannot_be_in_the_past():
	with pytest.raises(frappe.ValidationError, match="past"):
		crm.schedule_follow_up("Lead", tu.make_lead(), add_days(nowdate(), -3), "Late call")


def test_consultant_sees_only_own_test_drives():
	alice = factories.make_user(roles=("Sales Consultant", "Sales User"))
	bob = factories.make_user(roles=("Sales Consultant", "Sales User"))
	vin = tu.stock_vehicle()
	mine = tu.make_test_drive(vin, lead=tu.make_lead(), sales_person=alice)
	theirs = tu.make_test_drive(vin, start=add_days(now_datetime(), 3), lead=tu.make_lead(), sales_person=bob)
	frappe.set_user(alice)
	names = set(frappe.get_list("Test Drive", pluck="name"))
	assert mine.name in names and theirs.name not in names
	with pytest.raises(frappe.PermissionError):
		frappe.client.get("Test Drive", theirs.name)


def test_opportunity_takes_the_leads_vehicles_and_becomes_a_deal():
	frappe.db.set_single_value("DMS Settings", "max_discount_percent", 5)
	vin = tu.stock_vehicle()
	lead = frappe.get_doc("Lead", tu.make_lead())
	lead.append("vehicles_of_interest", {"vin": vin, "budget": 35000})
	lead.save()
	opportunity = frappe.get_doc(
		{
			"doctype": "Opportunity",
			"opportunity_from": "Lead",
			"party_name": lead.name,
			"company": factories.default_company(),
		}
	).insert()
	assert [r.vin for r in opportunity.vehicles_of_interest] == [vin]
	deal = crm.make_deal_from_opportunity(opportunity.name)
	deal.company = factories.default_company()
	deal.insert()
	assert (deal.lead, deal.opportunity, deal.vin, deal.vehicle_price) == (
		lead.name,
		opportunity.name,
		vin,
		30000,
	)


def test_two_bookings_of_one_car_at_once_exactly_one_wins(frappe_site):
	"""Two real connections book the same car for the same hour at the same moment."""
	vin = factories.make_vin(vds="TD1F7")
	frappe.get_doc({"doctype": "Motor Vehicle", "vin": vin}).insert()
	frappe.db.set_value("Motor Vehicle", vin, "status", "In Stock")  # a demonstrator on the yard
	leads = [tu.make_lead(), tu.make_lead()]
	frappe.db.commit()
	start = add_days(now_datetime(), 5)

	def book(lead):
		def attempt(ready):
			ready()
			return tu.make_test_drive(vin, start=start, lead=lead).name

		return attempt

	try:
		# the first booking of a new year's series too: no deadlock on the series counter
		with factories.first_of_series("Test Drive"):
			_winner, (_lead, error) = factories.race(frappe_site, {lead: book(lead) for lead in leads})
		assert "already booked" in str(error), error.trace
		assert frappe.db.count("Test Drive", {"vehicle": vin}) == 1
	finally:
		frappe.db.rollback()
		frappe.db.delete("Test Drive", {"vehicle": vin})
		frappe.delete_doc("Motor Vehicle", vin, force=True, delete_permanently=True)
		for lead in leads:
			frappe.delete_doc("Lead", lead, force=True, delete_permanently=True)
		frappe.db.commit()
