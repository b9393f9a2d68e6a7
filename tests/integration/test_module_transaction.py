"""conftest.py's module_transaction: data a module builds once are there for each of its tests, and
what a test adds or changes is gone for the next one, in the database and in Redis's document cache."""

import frappe
import pytest
from frappe.utils import random_string

from dms_app.tests import factories


@pytest.fixture(scope="module")
def shared(module_transaction):
	customer = factories.make_customer(f"Shared {random_string(6)}")
	frappe.get_cached_doc("Customer", customer)  # cached in Redis as built
	module_transaction.keep()
	return frappe._dict(customer=customer, made_by_tests=f"Made by a test {random_string(6)}")


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_finds_the_shared_data_as_built_and_nothing_a_test_made(shared, run):
	assert frappe.db.exists("Customer", shared.customer)
	assert not frappe.db.exists("Customer", shared.made_by_tests), "the other run's customer is still there"
	assert frappe.get_cached_doc("Customer", shared.customer).customer_details is None

	factories.make_customer(shared.made_by_tests)
	doc = frappe.get_doc("Customer", shared.customer)
	doc.customer_details = f"changed by run {run}"
	doc.save()
	assert frappe.get_cached_doc("Customer", shared.customer).customer_details == f"changed by run {run}"


def test_a_test_without_the_shared_fixture_rolls_back_too():
	name = factories.make_customer(f"Unshared {random_string(6)}")
	assert frappe.db.exists("Customer", name)
