"""Digital inspection on a real site: template → inspection → recommendation → portal decision →
invoice; decline → deferred work → next visit (booking, one-click add, recovered when invoiced);
bad readings and files; roles."""

import frappe
import pytest
from frappe.utils import add_days, flt, getdate, nowdate

from dms_app.api import inspections as api
from dms_app.api import portal as portal_api
from dms_app.service import inspections
from dms_app.service.repair_orders import IN_PROGRESS, complete, move_to
from dms_app.tests import factories
from dms_app.tests.inspections import attach, delete_files, inspect, make_template, png
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order
from dms_app.www import book_service


@pytest.fixture
def customer():
	alice = make_portal_customer("Inspection Alice")
	alice.vin = make_customer_vehicle(alice.customer)
	alice.ro = open_order(alice.customer, alice.vin)
	alice.template = make_template()
	alice.files = []
	yield alice
	delete_files(alice.files)


def open_order(customer: str, vehicle: str) -> str:
	"""A repair order being worked on (the estimate authorised): the inspection happens now."""
	return move_to(make_repair_order(customer, vehicle, proposed=False).name, IN_PROGRESS).name


def recommended_lines(repair_order: str, table: str = "labour") -> list:
	return [r for r in frappe.get_doc("Repair Order", repair_order).get(table) if r.inspection_item]


def decide(user: str, repair_order: str, decisions: dict):
	frappe.set_user(user)
	try:
		return portal_api.decide_lines(repair_order, decisions)
	finally:
		frappe.set_user("Administrator")


def test_template_fills_the_inspection_and_thresholds_suggest_colours(customer):
	doc = inspections.make_inspection(customer.ro, customer.template.name)
	assert [row.check_item for row in doc.items] == ["Front brake pads", "Battery health", "Wiper blades"]
	assert inspections.make_inspection(customer.ro).name == doc.name  # one draft per order
	doc.items[0].reading, doc.items[1].reading = "3,5", "55"
	doc.save()
	assert (doc.items[0].suggested_rating, doc.items[0].rating) == ("Amber", "Amber")
	assert doc.items[1].rating == "Red" and doc.red_items == 1 and doc.amber_items == 1
	# the technician's own colour stands over the suggestion
	doc.items[0].rating = "Red"
	doc.save()
	assert doc.items[0].rating == "Red"
	with pytest.raises(frappe.ValidationError, match="Rate rows 3"):
		doc.submit()


def test_recommendation_priced_decided_on_the_portal_and_invoiced(customer):
	doc = inspect(customer.ro, customer.template.name, pads="1.5", battery="82")
	customer.files += doc.files
	assert doc.items[0].rating == "Red" and doc.items[0].recommended
	assert doc.items[1].rating == "Green" and not doc.items[1].recommended
	(line,) = recommended_lines(customer.ro)
	# priced by the order's rules: the operation's flat hours at its labour rate
	assert line.approval_status == "Proposed" and line.pay_type == "Customer"
	assert (flt(line.flat_hours), flt(line.rate), flt(line.amount)) == (1.5, 120, 180)
	assert line.inspection_item == doc.items[0].name
	decide(customer.user, customer.ro, {line.name: "Approved"})
	assert frappe.db.get_value("Repair Order Labour", line.name, ["approval_status", "decided_via"]) == (
		"Approved",
		"Portal",
	)
	order = complete(customer.ro)
	assert order.status == "Invoiced"
	invoice = frappe.get_doc("Sales Invoice", order.sales_invoice)
	assert flt(invoice.net_total) == 180
	# nothing was declined: no deferred work
	assert not frappe.db.exists("Deferred Work", {"repair_order": customer.ro})


def test_recommended_part_is_priced_from_the_selling_rate():
	alice = make_portal_customer()
	vin = make_customer_vehicle(alice.customer)
	ro = open_order(alice.customer, vin)
	template = make_template(with_part=True)
	inspect(ro, template.name, pads="3", photo=False)
	(part,) = recommended_lines(ro, "parts")
	assert (part.item_code, flt(part.qty), flt(part.rate), part.approval_status) == (
		template.part,
		1,
		35,
		"Proposed",
	)
	assert frappe.db.get_value("Repair Order", ro, "proposed_total") == 180 + 35


def test_declined_becomes_deferred_work_offered_and_recovered_at_the_next_visit(customer):
	doc = inspect(customer.ro, customer.template.name, pads="1.8", photo=False)
	(line,) = recommended_lines(customer.ro)
	decide(customer.user, customer.ro, {line.name: "Declined"})
	complete(customer.ro, invoice=False)
	work = frappe.get_doc("Deferred Work", {"inspection_item": doc.items[0].name})
	assert (work.status, work.vehicle, work.customer, work.rating) == (
		"Open",
		customer.vin,
		customer.customer,
		"Red",
	)
	assert flt(work.estimated_price) == 180 and work.contact_email == customer.user
	assert getdate(work.due_date) == getdate(add_days(nowdate(), 30))
	assert work.repair_order == customer.ro and work.vehicle_inspection == doc.name
	# completing again (amend and re-complete) never duplicates it
	inspections.defer_declined(frappe.get_doc("Repair Order", customer.ro))
	assert frappe.db.count("Deferred Work", {"inspection_item": doc.items[0].name}) == 1

	# the portal booking page tells the customer
	frappe.set_user(customer.user)
	frappe.form_dict.clear()
	context = book_service.get_context(frappe._dict())
	assert [w.name for w in context.deferred_work] == [work.name]
	frappe.set_user("Administrator")
	assert [w.name for w in api.deferred_work(customer.vin)] == [work.name]

	# the next repair order: added in one click, approved, invoiced → recovered
	nxt = open_order(customer.customer, customer.vin)
	result = api.add_deferred_work(nxt, frappe.as_json([work.name]))
	assert result["proposed_lines"] == 1
	with pytest.raises(frappe.ValidationError, match="already on repair order"):
		api.add_deferred_work(nxt, [work.name])
	(added,) = [r for r in frappe.get_doc("Repair Order", nxt).labour if r.deferred_work == work.name]
	assert flt(added.amount) == 180 and added.approval_status == "Proposed"
	decide(customer.user, nxt, {added.name: "Approved"})
	complete(nxt, invoice=False)
	assert frappe.db.get_value("Deferred Work", work.name, "status") == "Open"  # sold when invoiced
	complete_invoice(nxt)
	assert frappe.db.get_value("Deferred Work", work.name, ["status", "recovered_on"]) == ("Recovered", nxt)
	assert api.deferred_work(customer.vin) == []
	with pytest.raises(frappe.ValidationError, match="is Recovered"):
		api.add_deferred_work(open_order(customer.customer, customer.vin), [work.name])


def complete_invoice(repair_order: str):
	from dms_app.service.repair_orders import INVOICED, move_to

	return move_to(repair_order, INVOICED)


def test_deferred_work_belongs_to_its_vehicle(customer):
	other = make_customer_vehicle(customer.customer)
	work = frappe.get_doc(
		{
			"doctype": "Deferred Work",
			"vehicle": other,
			"description": "Rear wiper",
			"labour_operation": customer.template.operation,
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="is not for vehicle"):
		api.add_deferred_work(customer.ro, [work.name])
	with pytest.raises(frappe.ValidationError, match="Choose the deferred work"):
		api.add_deferred_work(customer.ro, "[]")


def test_bad_readings_and_files_are_refused(customer):
	name = inspections.make_inspection(customer.ro, customer.template.name).name

	def save_with(**values):
		doc = frappe.get_doc("Vehicle Inspection", name)
		doc.items[0].update(values)
		doc.save()

	with pytest.raises(frappe.ValidationError, match="is not a number"):
		save_with(reading="thin")
	doc = frappe.get_doc("Vehicle Inspection", name)
	customer.files.append(attach(doc, b"vin,odometer\n", "notes.csv"))
	with pytest.raises(frappe.ValidationError, match="is not a photo"):
		save_with(photo=customer.files[-1].file_url)
	customer.files.append(attach(doc, png(), "clip.png", field="video"))
	with pytest.raises(frappe.ValidationError, match="is not a video"):
		save_with(video=customer.files[-1].file_url)
	# a file of another document is not this inspection's
	with factories.private_file("x", "elsewhere.png") as stray:
		with pytest.raises(frappe.ValidationError, match="as a private file"):
			save_with(photo=stray.file_url)
	save_with(reading="5", photo=customer.files[-1].file_url)
	assert frappe.db.get_value("Vehicle Inspection Item", {"parent": name, "idx": 1}, "rating") == "Green"


def test_roles_and_double_submit(customer):
	parts_man = factories.make_user(roles=("Parts Manager",))
	frappe.set_user(parts_man)
	with pytest.raises(frappe.PermissionError):
		api.make_inspection(customer.ro)
	frappe.set_user(customer.user)
	with pytest.raises(frappe.PermissionError):
		api.make_inspection(customer.ro)
	frappe.set_user("Administrator")
	# a technician reaches only the orders assigned to them
	frappe.set_user(factories.make_user(roles=("Technician",)))
	with pytest.raises(frappe.PermissionError):
		api.make_inspection(customer.ro)
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	name = api.make_inspection(customer.ro, customer.template.name)
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Vehicle Inspection", name)
	for row in doc.items:
		row.rating = "Green"
	doc.submit()
	second = frappe.copy_doc(doc)
	second.docstatus = 0
	second.insert()
	with pytest.raises(frappe.ValidationError, match="already has the completed inspection"):
		second.submit()
	# cancelling withdraws undecided recommendations
	red = inspect(
		open_order(customer.customer, customer.vin),
		customer.template.name,
		photo=False,
	)
	assert recommended_lines(red.repair_order)
	red.cancel()
	assert not recommended_lines(red.repair_order)
