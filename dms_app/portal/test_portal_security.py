"""Isolation: two customers and an anonymous visitor try each other's records through the data
layer, the page contexts, desk/REST permission checks and the whitelisted methods."""

import json

import frappe
import pytest
from frappe.permissions import add_permission, update_permission_property

from dms_app.api import portal as api
from dms_app.portal import permissions, queries
from dms_app.portal.customer import customers_for_user, is_portal_user
from dms_app.tests import factories
from dms_app.tests.factories import make_user
from dms_app.tests.portal import make_customer_vehicle, make_portal_customer, make_repair_order
from dms_app.www import book_service, my_vehicle, my_vehicles, repair_status


@pytest.fixture(scope="module")
def shared_customers(module_transaction):
	"""Alice and Bob, made once for the module: each test rolls back to them (conftest.py)."""
	alice = make_portal_customer("Portal Alice")
	bob = make_portal_customer("Portal Bob")
	alice.vin = make_customer_vehicle(alice.customer)
	bob.vin = make_customer_vehicle(bob.customer)
	alice.ro = make_repair_order(alice.customer, alice.vin).name
	bob.ro = make_repair_order(bob.customer, bob.vin).name
	module_transaction.keep()
	return alice, bob


@pytest.fixture
def two_customers(shared_customers):
	"""Copies a test may change."""
	return tuple(frappe._dict(customer) for customer in shared_customers)


def context_of(module, **form):
	frappe.form_dict.clear()
	frappe.form_dict.update(form)
	return module.get_context(frappe._dict())


def test_customer_resolution(two_customers):
	alice, bob = two_customers
	assert customers_for_user(alice.user) == [alice.customer]
	assert customers_for_user(bob.user) == [bob.customer]
	assert customers_for_user("Guest") == []
	assert customers_for_user(make_user(user_type="Website User")) == []
	# a portal-user row on the Customer alone (ERPNext's link for its own pages) is not enough
	lurker = make_user(user_type="Website User")
	customer = frappe.get_doc("Customer", bob.customer)
	customer.append("portal_users", {"user": lurker})
	customer.save()
	assert customers_for_user(lurker) == []
	frappe.db.set_value("Customer", alice.customer, "disabled", 1)
	assert customers_for_user(alice.user) == []


def test_linked_user_is_a_website_customer(two_customers):
	alice, _bob = two_customers
	user = frappe.get_doc("User", alice.user)
	assert user.user_type == "Website User"
	assert "Customer" in frappe.get_roles(alice.user)
	# ERPNext's /invoices pages read the Customer's portal users: the Contact hook keeps them in step
	assert frappe.db.exists("Portal User", {"parent": alice.customer, "user": alice.user})
	assert is_portal_user(alice.user) and is_portal_user("Guest") and not is_portal_user("Administrator")


def test_pages_show_only_own_records(two_customers):
	alice, bob = two_customers
	frappe.set_user(alice.user)
	listed = context_of(my_vehicles)
	assert [v.name for v in listed.vehicles] == [alice.vin]
	assert listed.in_workshop == {alice.vin}
	detail = context_of(my_vehicle, vin=alice.vin.lower())
	assert detail.vehicle.name == alice.vin
	assert [ro.name for ro in detail.history] == [alice.ro]
	status = context_of(repair_status)
	assert [ro.name for ro in status.orders] == [alice.ro]
	with pytest.raises(frappe.PageDoesNotExistError):
		context_of(my_vehicle, vin=bob.vin)
	with pytest.raises(frappe.PageDoesNotExistError):
		context_of(my_vehicle, vin="JTDBZ3EK0NA999999")


@pytest.mark.parametrize("page", [my_vehicles, my_vehicle, repair_status, book_service])
def test_guest_and_unlinked_users_get_no_page(two_customers, page):
	alice, _bob = two_customers
	for user in ("Guest", make_user(user_type="Website User")):
		frappe.set_user(user)
		with pytest.raises(frappe.PermissionError):
			context_of(page, vin=alice.vin)


def test_website_users_never_reach_the_desk(two_customers):
	from frappe.apps import get_apps
	from frappe.website.utils import get_home_page
	from frappe.www import app

	alice, _bob = two_customers
	frappe.set_user(alice.user)
	with pytest.raises(frappe.PermissionError):
		app.get_context(frappe._dict())
	# after login a customer is sent to the portal, not to a desk app
	assert not [a for a in get_apps() if a["name"] == "dms_app"]
	frappe.cache.hdel("home_page", alice.user)
	assert get_home_page() == "my-vehicles"


@pytest.mark.parametrize("doctype", ["Motor Vehicle", "Repair Order"])
def test_rest_refuses_customers_without_role_permission(two_customers, doctype):
	"""/api/resource/<doctype> runs frappe.get_list / get_doc with the user's permissions."""
	alice, bob = two_customers
	own, other = (alice.vin, bob.vin) if doctype == "Motor Vehicle" else (alice.ro, bob.ro)
	frappe.set_user(alice.user)
	with pytest.raises(frappe.PermissionError):
		frappe.get_list(doctype)
	for name in (own, other):
		assert not frappe.has_permission(doctype, "read", doc=name)
	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		frappe.get_list(doctype)


@pytest.mark.parametrize("doctype", ["Motor Vehicle", "Repair Order"])
def test_second_lock_when_an_admin_grants_customers_read(two_customers, doctype):
	"""Even with a role permission (an admin's mistake), a customer reads only their own, read-only."""
	alice, bob = two_customers
	own, other = (alice.vin, bob.vin) if doctype == "Motor Vehicle" else (alice.ro, bob.ro)
	try:
		add_permission(doctype, "Customer", 0)
		update_permission_property(doctype, "Customer", 0, "write", 1)
		frappe.set_user(alice.user)
		assert frappe.get_list(doctype, pluck="name") == [own]
		assert frappe.has_permission(doctype, "read", doc=own)
		assert not frappe.has_permission(doctype, "write", doc=own)
		assert not frappe.has_permission(doctype, "read", doc=other)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc(doctype, other).check_permission("read")
	finally:  # the permission goes with the test's rollback; its cached meta goes now
		frappe.set_user("Administrator")
		frappe.clear_cache(doctype=doctype)


@pytest.mark.parametrize("doctype", ["Motor Vehicle", "Repair Order"])
def test_sharing_cannot_open_another_customers_record(two_customers, doctype):
	"""A share grants read past permission hooks in Frappe, so sharing is checked when it is made."""
	alice, bob = two_customers
	own, other = (alice.vin, bob.vin) if doctype == "Motor Vehicle" else (alice.ro, bob.ro)
	with pytest.raises(frappe.PermissionError):
		frappe.share.add_docshare(doctype, other, alice.user, read=1, flags={"ignore_share_permission": 1})
	with pytest.raises(frappe.PermissionError):
		frappe.share.add_docshare(doctype, own, everyone=1, read=1, flags={"ignore_share_permission": 1})
	frappe.share.add_docshare(doctype, own, alice.user, read=1, flags={"ignore_share_permission": 1})
	staff = make_user(roles=("Service Advisor",))
	frappe.share.add_docshare(doctype, other, staff, read=1, flags={"ignore_share_permission": 1})
	frappe.set_user(alice.user)
	assert not frappe.has_permission(doctype, "read", doc=other)


def test_counting_cannot_probe_other_customers(two_customers):
	"""Frappe's frappe.client.get_count counts without permissions: ours is hooked in its place."""
	alice, bob = two_customers
	override = frappe.get_hooks("override_whitelisted_methods")["frappe.client.get_count"][-1]
	assert override == "dms_app.portal.permissions.get_count"
	frappe.set_user(alice.user)
	for doctype, filters in (
		("Motor Vehicle", {"name": bob.vin}),
		("Repair Order", {"customer": bob.customer}),
	):
		with pytest.raises(frappe.PermissionError):
			permissions.get_count(doctype, json.dumps(filters))
	frappe.set_user(make_user(roles=("Service Advisor",)))
	assert permissions.get_count("Motor Vehicle", json.dumps({"name": bob.vin})) == 1


def test_staff_keep_their_role_permissions(two_customers):
	alice, bob = two_customers
	advisor = make_user(roles=("Service Advisor",))
	frappe.set_user(advisor)
	assert {alice.vin, bob.vin} <= set(frappe.get_list("Motor Vehicle", pluck="name", limit=0))
	assert permissions.query_conditions(advisor, "Motor Vehicle") == ""
	assert permissions.query_conditions("Guest", "Motor Vehicle") == "1=0"


def test_printview_and_web_views_are_closed_to_customers(two_customers):
	"""/printview would print every field (dealer cost, internal totals): closed even for the owner."""
	from frappe.www.printview import validate_print_permission

	alice, _bob = two_customers
	frappe.set_user(alice.user)
	for doctype, name in (("Motor Vehicle", alice.vin), ("Repair Order", alice.ro)):
		doc = frappe.get_doc(doctype, name)
		assert not frappe.has_website_permission(doc)
		with pytest.raises(frappe.PermissionError):
			validate_print_permission(doc)


def test_erpnext_invoice_pages_follow_the_same_link(two_customers):
	"""/invoices/<name> is ERPNext's page: its permission reads the Customer's portal users."""
	from dms_app.tests.factories import default_company, make_item

	alice, bob = two_customers
	item = make_item(is_stock_item=0)

	def invoice(customer):
		return frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": customer,
				"company": default_company(),
				"items": [{"item_code": item, "qty": 1, "rate": 100}],
			}
		).insert()

	own, other = invoice(alice.customer), invoice(bob.customer)
	# ERPNext reads the session user's portal links, so check as each user
	frappe.set_user(alice.user)
	assert frappe.has_website_permission(own)
	assert not frappe.has_website_permission(other)
	frappe.set_user(bob.user)
	assert not frappe.has_website_permission(own)


def test_api_refuses_guest_and_other_customers(two_customers):
	alice, bob = two_customers
	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		api.repair_status()
	with pytest.raises(frappe.PermissionError):
		api.available_slots("2030-01-01")
	frappe.set_user(alice.user)
	assert [o["name"] for o in api.repair_status()["orders"]] == [alice.ro]
	bob_line = queries.proposed_lines(queries.repair_order_lines(bob.ro))[0]
	with pytest.raises(frappe.PageDoesNotExistError):
		api.decide_lines(bob.ro, {bob_line.name: "Approved"})
	with pytest.raises(frappe.PageDoesNotExistError):
		api.book_service(bob.vin, "2030-01-02", "09:00")
	frappe.set_user("Administrator")
	assert frappe.db.get_value(bob_line.doctype, bob_line.name, "approval_status") == "Proposed"
	assert not frappe.db.exists("Service Appointment", {"vehicle": bob.vin})


def test_decisions_are_checked_before_anything_is_written(two_customers):
	alice, bob = two_customers
	alice_line = queries.proposed_lines(queries.repair_order_lines(alice.ro))[0]
	bob_line = queries.proposed_lines(queries.repair_order_lines(bob.ro))[0]
	frappe.set_user(alice.user)
	bad = [
		{},
		{alice_line.name: "Maybe"},
		# a line of someone else's order smuggled into a call for one's own order
		{alice_line.name: "Approved", bob_line.name: "Approved"},
	]
	for decisions in bad:
		with pytest.raises(frappe.ValidationError):
			api.decide_lines(alice.ro, decisions)
	frappe.set_user("Administrator")
	assert frappe.db.get_value(alice_line.doctype, alice_line.name, "approval_status") == "Proposed"
	assert frappe.db.get_value(bob_line.doctype, bob_line.name, "approval_status") == "Proposed"


def test_customers_cannot_link_their_login_to_another_customer(two_customers):
	"""Frappe's "All" role may create and edit its own Contacts over REST; a Contact linking a login
	to a Customer is what opens that customer's portal, so only the dealership may make one."""
	from frappe.client import insert, save

	alice, bob = two_customers

	frappe.set_user(alice.user)
	link = {"link_doctype": "Customer", "link_name": bob.customer}
	for contact in (
		{"doctype": "Contact", "first_name": "Alice", "user": alice.user, "links": [link]},
		# Frappe fills Contact.user from the email address
		{
			"doctype": "Contact",
			"first_name": "Alice",
			"email_ids": [{"email_id": alice.user}],
			"links": [link],
		},
		# no login yet: Frappe links the Contact to the login made later with that address
		{
			"doctype": "Contact",
			"first_name": "Alice",
			"email_ids": [{"email_id": "alias@example.com"}],
			"links": [link],
		},
	):
		with pytest.raises(frappe.PermissionError):
			insert(contact)
	# a Contact of her own, harmless as made, cannot be linked afterwards
	own = insert({"doctype": "Contact", "first_name": "Alice", "user": alice.user})
	own["links"] = [link]
	with pytest.raises(frappe.PermissionError):
		save(own)
	assert customers_for_user(alice.user) == [alice.customer]
	assert not frappe.db.exists("Portal User", {"parent": bob.customer, "user": alice.user})
	with pytest.raises(frappe.PageDoesNotExistError):
		context_of(my_vehicle, vin=bob.vin)
	# the dealership still links logins to customers
	frappe.set_user(make_user(roles=("Sales Manager",)))
	contact = frappe.get_doc("Contact", own["name"])
	contact.append("links", link)
	contact.save(ignore_permissions=True)
	assert customers_for_user(alice.user) == sorted([alice.customer, bob.customer])


def test_unlinking_a_contact_closes_erpnext_invoice_pages_too(two_customers):
	"""The dealer removes Alice's link to a customer: our pages and ERPNext's /invoices (which read
	Customer.portal_users) both stop showing that customer's records."""
	alice, bob = two_customers
	contact = frappe.get_doc("Contact", {"user": alice.user})
	contact.append("links", {"link_doctype": "Customer", "link_name": bob.customer})
	contact.save()
	assert frappe.db.exists("Portal User", {"parent": bob.customer, "user": alice.user})
	contact.links = [link for link in contact.links if link.link_name != bob.customer]
	contact.save()
	assert customers_for_user(alice.user) == [alice.customer]
	assert not frappe.db.exists("Portal User", {"parent": bob.customer, "user": alice.user})
	assert frappe.db.exists("Portal User", {"parent": alice.customer, "user": alice.user})


def test_staff_count_only_the_records_their_rules_let_them_see():
	"""A Sales Consultant sees only their own deals: counting must not reveal the others'."""
	from dms_app.tests import vehicle_sales

	vin = vehicle_sales.stock_vehicle()
	customer = factories.make_customer()
	alice = make_user(roles=("Sales Consultant", "Sales User"))
	bob = make_user(roles=("Sales Consultant", "Sales User"))
	frappe.set_user(alice)
	mine = vehicle_sales.make_deal(customer, vin, vehicle_price=30000)
	frappe.set_user(bob)
	theirs = vehicle_sales.make_deal(customer, vin, vehicle_price=30500)

	frappe.set_user(alice)
	assert permissions.get_count("Vehicle Deal", json.dumps({"name": theirs.name})) == 0
	assert permissions.get_count("Vehicle Deal", json.dumps({"customer": customer})) == 1
	assert permissions.get_count("Vehicle Deal", json.dumps({"name": mine.name})) == 1
	frappe.set_user("Administrator")
	assert permissions.get_count("Vehicle Deal", json.dumps({"customer": customer})) == 2
