"""Isolation of the digital inspection on the portal: two customers and Guest go after each other's
inspection, its photos and deferred work through the page, REST/desk permission checks, the
whitelisted methods and the private file URL itself."""

import frappe
import pytest
from frappe.core.doctype.file.utils import find_file_by_url
from frappe.utils.response import download_private_file
from werkzeug.exceptions import Forbidden

from dms_app.api import portal as api
from dms_app.portal import permissions
from dms_app.portal.test_portal_render import render
from dms_app.service.repair_orders import IN_PROGRESS, move_to
from dms_app.tests import factories
from dms_app.tests.inspections import delete_files, inspect, make_template
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order
from dms_app.www import book_service, repair_status

NOT_YOURS = (frappe.PageDoesNotExistError, frappe.DoesNotExistError, frappe.PermissionError)


@pytest.fixture(scope="module")
def inspected_customers(module_transaction):
	"""Alice and Bob with an inspected order each, made once for the module: each test rolls back to
	them (conftest.py); the photos' files go when the module is done."""
	template = make_template().name
	people, files = [], []
	for name in ("Inspection Alice", "Inspection Bob"):
		who = make_portal_customer(name)
		who.vin = make_customer_vehicle(who.customer)
		who.ro = move_to(make_repair_order(who.customer, who.vin, proposed=False).name, IN_PROGRESS).name
		inspection = inspect(who.ro, template)
		who.inspection, who.file = inspection.name, inspection.files[0].name
		files += inspection.files
		people.append(who)
	module_transaction.keep()
	yield people
	delete_files(files)


@pytest.fixture
def inspected(inspected_customers):
	"""Copies a test may change, with the inspection and its first photo read afresh."""
	return [
		frappe._dict(
			who,
			inspection=frappe.get_doc("Vehicle Inspection", who.inspection),
			file=frappe.get_doc("File", who.file),
		)
		for who in inspected_customers
	]


def media(file: str):
	frappe.local.response.pop("filecontent", None)
	api.inspection_media(file)
	return frappe.local.response.get("filecontent")


def test_customer_sees_their_inspection_with_photos_and_prices(inspected):
	alice, bob = inspected
	frappe.set_user(alice.user)
	frappe.form_dict.clear()
	context = repair_status.get_context(frappe._dict())
	(ro,) = context.orders
	assert ro.name == alice.ro and ro.inspection.name == alice.inspection.name
	pads = ro.inspection.checks[0]
	assert (pads.check_item, pads.rating, pads.reading) == ("Front brake pads", "Red", "1.5")
	assert pads.photo == f"/api/method/dms_app.api.portal.inspection_media?file={alice.file.name}"
	(line,) = pads.lines
	assert (line.approval_status, line.amount) == ("Proposed", 180)
	# the recommendation is shown with its item, not again under the order's work
	assert line.name not in {other.name for other in ro.lines}
	assert media(alice.file.name) == alice.file.get_content()
	status, html = render("/repair-status")
	assert status == 200 and "Front brake pads" in html and alice.file.name in html
	assert (
		bob.file.name not in html
		and bob.ro not in html
		and 'class="btn btn-xs btn-primary dms-approve"' in html
	)


def test_other_customer_and_guest_get_nothing(inspected):
	alice, bob = inspected
	frappe.set_user(alice.user)
	for file in (bob.file.name, "no-such-file", alice.inspection.name):
		with pytest.raises(NOT_YOURS):
			media(file)
	frappe.set_user("Guest")
	with pytest.raises(NOT_YOURS):
		media(alice.file.name)
	status, _html = render("/repair-status")
	assert status in (302, 403, 404) or "login" in _html.lower()


def test_a_draft_inspection_is_not_shown(inspected):
	alice, _bob = inspected
	frappe.set_user("Administrator")
	alice.inspection.cancel()
	frappe.set_user(alice.user)
	with pytest.raises(NOT_YOURS):
		media(alice.file.name)
	frappe.form_dict.clear()
	assert repair_status.get_context(frappe._dict()).orders[0].inspection is None


def test_the_file_url_answers_staff_only(inspected):
	alice, bob = inspected
	url = alice.file.file_url
	for user in (alice.user, bob.user, "Guest"):
		frappe.set_user(user)
		with pytest.raises(Forbidden):
			download_private_file(url)
	frappe.set_user(factories.make_user(roles=("Service Advisor",)))
	assert find_file_by_url(url, name=alice.file.name).name == alice.file.name
	frappe.set_user(factories.make_user(roles=("Parts Manager",)))
	assert find_file_by_url(url, name=alice.file.name) is None


def test_rest_and_permission_hooks_keep_customers_to_their_own(inspected):
	alice, bob = inspected
	frappe.set_user("Administrator")
	work = frappe.get_doc(
		{"doctype": "Deferred Work", "vehicle": bob.vin, "description": "Rear wipers"}
	).insert()
	assert work.customer == bob.customer
	for doctype, name in (("Vehicle Inspection", bob.inspection.name), ("Deferred Work", work.name)):
		doc = frappe.get_doc(doctype, name)
		assert permissions.has_permission(doc, "read", alice.user) is False
		assert permissions.has_permission(doc, "read", bob.user) is True
		assert permissions.has_permission(doc, "write", bob.user) is False
		assert permissions.has_permission(doc, "read", "Guest") is False
		assert permissions.has_website_permission(doc, "read", bob.user) is False
		for user in (alice.user, bob.user, "Guest"):
			assert not frappe.has_permission(doctype, "read", doc=doc, user=user)
		assert "1=0" in permissions.query_conditions("Guest", doctype)
		assert frappe.db.escape(alice.customer) in permissions.query_conditions(alice.user, doctype)
	frappe.set_user(alice.user)
	with pytest.raises(frappe.PermissionError):
		frappe.get_list("Vehicle Inspection")
	with pytest.raises(frappe.PermissionError):
		frappe.client.get("Deferred Work", work.name)
	# the booking page lists only the customer's own deferred work
	frappe.form_dict.clear()
	assert book_service.get_context(frappe._dict()).deferred_work == []
	frappe.set_user(bob.user)
	frappe.form_dict.clear()
	assert [w.name for w in book_service.get_context(frappe._dict()).deferred_work] == [work.name]


def test_inspection_records_cannot_be_shared_with_another_customer(inspected):
	alice, bob = inspected
	frappe.set_user("Administrator")
	with pytest.raises(frappe.PermissionError):
		frappe.share.add("Vehicle Inspection", bob.inspection.name, alice.user)
